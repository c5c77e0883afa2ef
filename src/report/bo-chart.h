/* bo-chart.h — bar and line charts of report figures, drawn with cairo and pango
 *
 * A chart is categories along the x axis (hours, ticket types, payment methods) and one or
 * more series of whole numbers (counts or money in minor units), each drawn as bars (grouped
 * side by side) or as a line with markers, over one shared y axis starting at 0.
 *
 * bo_chart_draw() draws into any cairo_t: a GtkDrawingArea, a PDF page, a receipt. Series are
 * told apart by more than colour: the colours are the Okabe–Ito palette (safe for the common
 * colour-vision deficiencies), bars of each series also get their own fill pattern (solid,
 * diagonal hatching, dots, cross-hatching) and lines their own dash and marker, so a chart
 * still reads in grey-scale; BO_CHART_STYLE_MONOCHROME draws black on white only, for
 * thermal receipt printers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

#define BO_TYPE_CHART (bo_chart_get_type ())
G_DECLARE_FINAL_TYPE (BoChart, bo_chart, BO, CHART, GObject)

typedef enum {
  BO_CHART_BARS,
  BO_CHART_LINE,
} BoChartSeriesKind;

typedef enum {
  BO_CHART_UNIT_COUNT,
  BO_CHART_UNIT_MONEY, /* values in the currency's minor unit */
} BoChartUnit;

typedef enum {
  BO_CHART_STYLE_COLOUR,
  BO_CHART_STYLE_MONOCHROME, /* black on white: thermal printers */
} BoChartStyle;

/* Number of distinct series styles; further series repeat them. */
#define BO_CHART_N_STYLES 4

BoChart     *bo_chart_new              (const char  *title,
                                        BoChartUnit  unit,
                                        const char  *currency);

const char  *bo_chart_get_title        (BoChart *self);
BoChartUnit  bo_chart_get_unit         (BoChart *self);
const char  *bo_chart_get_currency     (BoChart *self);

/* Appends a category (x axis label); returns its index. */
guint        bo_chart_add_category     (BoChart    *self,
                                        const char *label);
guint        bo_chart_get_n_categories (BoChart *self);
const char  *bo_chart_get_category     (BoChart *self,
                                        guint    category);

/* Appends a series, every value 0; returns its index. */
guint        bo_chart_add_series       (BoChart           *self,
                                        const char        *name,
                                        BoChartSeriesKind  kind);
guint        bo_chart_get_n_series     (BoChart *self);
const char  *bo_chart_get_series_name  (BoChart *self,
                                        guint    series);
BoChartSeriesKind bo_chart_get_series_kind (BoChart *self,
                                            guint    series);

void         bo_chart_set_value        (BoChart *self,
                                        guint    series,
                                        guint    category,
                                        gint64   value);
void         bo_chart_add_to_value     (BoChart *self,
                                        guint    series,
                                        guint    category,
                                        gint64   value);
gint64       bo_chart_get_value        (BoChart *self,
                                        guint    series,
                                        guint    category);
/* Largest value of any series (0 for an empty chart). */
gint64       bo_chart_get_max_value    (BoChart *self);

/* The fill colour of series @series in the colour style, as 0..255 RGB (tests look for it in
 * rendered pages; the GUI may use it for legends of its own). */
void         bo_chart_series_colour    (guint   series,
                                        guint8 *out_red,
                                        guint8 *out_green,
                                        guint8 *out_blue);

/* A value as the axis and bar labels show it: counts as integers, money in major units
 * ("25", "12.50"), both without the currency. */
char        *bo_chart_format_value     (BoChart *self,
                                        gint64   value);

/* Draws the whole chart (title, legend, axes, labels, series) into the rectangle
 * (0, 0, @width, @height) of @cr's user space, leaving @cr's state as it was. Text sizes
 * follow @width, so the same chart is legible on a screen, on A4 and on an 80 mm receipt. */
void         bo_chart_draw             (BoChart      *self,
                                        cairo_t      *cr,
                                        double        width,
                                        double        height,
                                        BoChartStyle  style);

G_END_DECLS
