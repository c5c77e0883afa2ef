/* bo-chart.c — bar and line charts of report figures, drawn with cairo and pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "report/bo-chart.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "domain/bo-money.h"

typedef struct {
  char              *name;
  BoChartSeriesKind  kind;
  GArray            *values; /* gint64, one per category */
} Series;

struct _BoChart
{
  GObject      parent_instance;

  char        *title;
  BoChartUnit  unit;
  char        *currency;
  GPtrArray   *categories; /* char * */
  GPtrArray   *series;     /* Series * */
};

G_DEFINE_FINAL_TYPE (BoChart, bo_chart, G_TYPE_OBJECT)

/* Okabe & Ito, "Color Universal Design" (2008): blue, orange, bluish green, vermillion. */
static const guint8 palette[BO_CHART_N_STYLES][3] = {
  { 0x00, 0x72, 0xB2 },
  { 0xE6, 0x9F, 0x00 },
  { 0x00, 0x9E, 0x73 },
  { 0xD5, 0x5E, 0x00 },
};

static void
series_free (gpointer data)
{
  Series *s = data;

  g_free (s->name);
  g_array_unref (s->values);
  g_free (s);
}

static void
bo_chart_finalize (GObject *object)
{
  BoChart *self = BO_CHART (object);

  g_free (self->title);
  g_free (self->currency);
  g_ptr_array_unref (self->categories);
  g_ptr_array_unref (self->series);
  G_OBJECT_CLASS (bo_chart_parent_class)->finalize (object);
}

static void
bo_chart_class_init (BoChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bo_chart_finalize;
}

static void
bo_chart_init (BoChart *self)
{
  self->categories = g_ptr_array_new_with_free_func (g_free);
  self->series = g_ptr_array_new_with_free_func (series_free);
}

BoChart *
bo_chart_new (const char  *title,
              BoChartUnit  unit,
              const char  *currency)
{
  BoChart *self = g_object_new (BO_TYPE_CHART, NULL);

  self->title = g_strdup (title);
  self->unit = unit;
  self->currency = g_strdup (currency != NULL ? currency : "EUR");
  return self;
}

const char *
bo_chart_get_title (BoChart *self)
{
  g_return_val_if_fail (BO_IS_CHART (self), NULL);
  return self->title;
}

BoChartUnit
bo_chart_get_unit (BoChart *self)
{
  g_return_val_if_fail (BO_IS_CHART (self), BO_CHART_UNIT_COUNT);
  return self->unit;
}

const char *
bo_chart_get_currency (BoChart *self)
{
  g_return_val_if_fail (BO_IS_CHART (self), NULL);
  return self->currency;
}

guint
bo_chart_add_category (BoChart    *self,
                       const char *label)
{
  g_return_val_if_fail (BO_IS_CHART (self), 0);

  g_ptr_array_add (self->categories, g_strdup (label != NULL ? label : ""));
  for (guint i = 0; i < self->series->len; i++)
    {
      Series *s = self->series->pdata[i];
      gint64 zero = 0;

      g_array_append_val (s->values, zero);
    }
  return self->categories->len - 1;
}

guint
bo_chart_get_n_categories (BoChart *self)
{
  g_return_val_if_fail (BO_IS_CHART (self), 0);
  return self->categories->len;
}

const char *
bo_chart_get_category (BoChart *self,
                       guint    category)
{
  g_return_val_if_fail (BO_IS_CHART (self), NULL);
  g_return_val_if_fail (category < self->categories->len, NULL);
  return self->categories->pdata[category];
}

guint
bo_chart_add_series (BoChart           *self,
                     const char        *name,
                     BoChartSeriesKind  kind)
{
  Series *s;

  g_return_val_if_fail (BO_IS_CHART (self), 0);

  s = g_new0 (Series, 1);
  s->name = g_strdup (name);
  s->kind = kind;
  s->values = g_array_sized_new (FALSE, TRUE, sizeof (gint64), self->categories->len);
  g_array_set_size (s->values, self->categories->len);
  g_ptr_array_add (self->series, s);
  return self->series->len - 1;
}

guint
bo_chart_get_n_series (BoChart *self)
{
  g_return_val_if_fail (BO_IS_CHART (self), 0);
  return self->series->len;
}

const char *
bo_chart_get_series_name (BoChart *self,
                          guint    series)
{
  g_return_val_if_fail (BO_IS_CHART (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);
  return ((Series *) self->series->pdata[series])->name;
}

BoChartSeriesKind
bo_chart_get_series_kind (BoChart *self,
                          guint    series)
{
  g_return_val_if_fail (BO_IS_CHART (self), BO_CHART_BARS);
  g_return_val_if_fail (series < self->series->len, BO_CHART_BARS);
  return ((Series *) self->series->pdata[series])->kind;
}

static gint64 *
value_slot (BoChart *self,
            guint    series,
            guint    category)
{
  Series *s = self->series->pdata[series];

  return &g_array_index (s->values, gint64, category);
}

void
bo_chart_set_value (BoChart *self,
                    guint    series,
                    guint    category,
                    gint64   value)
{
  g_return_if_fail (BO_IS_CHART (self));
  g_return_if_fail (series < self->series->len && category < self->categories->len);
  *value_slot (self, series, category) = value;
}

void
bo_chart_add_to_value (BoChart *self,
                       guint    series,
                       guint    category,
                       gint64   value)
{
  g_return_if_fail (BO_IS_CHART (self));
  g_return_if_fail (series < self->series->len && category < self->categories->len);
  *value_slot (self, series, category) += value;
}

gint64
bo_chart_get_value (BoChart *self,
                    guint    series,
                    guint    category)
{
  g_return_val_if_fail (BO_IS_CHART (self), 0);
  g_return_val_if_fail (series < self->series->len && category < self->categories->len, 0);
  return *value_slot (self, series, category);
}

gint64
bo_chart_get_max_value (BoChart *self)
{
  gint64 max = 0;

  g_return_val_if_fail (BO_IS_CHART (self), 0);

  for (guint s = 0; s < self->series->len; s++)
    for (guint c = 0; c < self->categories->len; c++)
      max = MAX (max, *value_slot (self, s, c));
  return max;
}

void
bo_chart_series_colour (guint   series,
                        guint8 *out_red,
                        guint8 *out_green,
                        guint8 *out_blue)
{
  const guint8 *rgb = palette[series % BO_CHART_N_STYLES];

  *out_red = rgb[0];
  *out_green = rgb[1];
  *out_blue = rgb[2];
}

char *
bo_chart_format_value (BoChart *self,
                       gint64   value)
{
  g_autofree char *plain = NULL;
  guint exponent;
  gsize len;

  g_return_val_if_fail (BO_IS_CHART (self), NULL);

  if (self->unit == BO_CHART_UNIT_COUNT)
    return g_strdup_printf ("%" G_GINT64_FORMAT, value);

  /* Whole amounts lose their ".00": axis labels stay short. */
  plain = bo_money_format_plain (value, self->currency);
  exponent = bo_currency_exponent (self->currency);
  len = strlen (plain);
  if (exponent > 0 && len > exponent + 1)
    {
      gboolean zeros = TRUE;

      for (gsize i = len - exponent; i < len; i++)
        zeros = zeros && plain[i] == '0';
      if (zeros)
        plain[len - exponent - 1] = '\0';
    }
  return g_steal_pointer (&plain);
}

/* Drawing */

typedef struct {
  BoChart      *chart;
  cairo_t      *cr;
  BoChartStyle  style;
  double        font_size;
  double        line_width;
} Painter;

static PangoLayout *
make_layout (Painter    *p,
             const char *text,
             double      scale,
             gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (p->cr);
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string ("Sans");

  /* Absolute size: in the cairo units we are given, whatever the output's resolution. */
  pango_font_description_set_absolute_size (font, p->font_size * scale * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *out_width,
             double      *out_height)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  if (out_width != NULL)
    *out_width = (double) w / PANGO_SCALE;
  if (out_height != NULL)
    *out_height = (double) h / PANGO_SCALE;
}

/* Draws @text with its top-left corner at (x, y), or centred/right-aligned on x by @align
 * (0 left, 0.5 centre, 1 right). Returns its height. */
static double
draw_text (Painter    *p,
           const char *text,
           double      x,
           double      y,
           double      align,
           double      scale,
           gboolean    bold,
           double      max_width)
{
  g_autoptr (PangoLayout) layout = make_layout (p, text, scale, bold);
  double w, h;

  layout_size (layout, &w, &h);
  if (max_width > 0 && w > max_width)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      w = max_width;
    }
  cairo_move_to (p->cr, x - w * align, y);
  pango_cairo_show_layout (p->cr, layout);
  return h;
}

static double
text_width (Painter    *p,
            const char *text,
            double      scale)
{
  g_autoptr (PangoLayout) layout = make_layout (p, text, scale, FALSE);
  double w;

  layout_size (layout, &w, NULL);
  return w;
}

static void
set_series_fill (Painter *p,
                 guint    series)
{
  const guint8 *rgb = palette[series % BO_CHART_N_STYLES];

  if (p->style == BO_CHART_STYLE_MONOCHROME)
    {
      if (series % BO_CHART_N_STYLES == 0)
        cairo_set_source_rgb (p->cr, 0, 0, 0);
      else
        cairo_set_source_rgb (p->cr, 1, 1, 1);
    }
  else
    cairo_set_source_rgb (p->cr, rgb[0] / 255.0, rgb[1] / 255.0, rgb[2] / 255.0);
}

static void
set_series_line (Painter *p,
                 guint    series)
{
  if (p->style == BO_CHART_STYLE_MONOCHROME)
    cairo_set_source_rgb (p->cr, 0, 0, 0);
  else
    set_series_fill (p, series);
}

/* The series' pattern over the rectangle, so that bars differ without colour. */
static void
draw_hatching (Painter *p,
               guint    series,
               double   x,
               double   y,
               double   w,
               double   h)
{
  cairo_t *cr = p->cr;
  guint style = series % BO_CHART_N_STYLES;
  double gap = MAX (p->font_size * 0.45, 2.0);

  if (style == 0 || w <= 0 || h <= 0)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  if (p->style == BO_CHART_STYLE_MONOCHROME)
    cairo_set_source_rgb (cr, 0, 0, 0);
  else
    cairo_set_source_rgba (cr, 0, 0, 0, 0.45);
  cairo_set_line_width (cr, p->line_width * 0.8);

  if (style == 1 || style == 3)
    for (double d = -h; d < w + h; d += gap)
      {
        cairo_move_to (cr, x + d, y + h);
        cairo_line_to (cr, x + d + h, y);
      }
  if (style == 3)
    for (double d = -h; d < w + h; d += gap)
      {
        cairo_move_to (cr, x + d, y);
        cairo_line_to (cr, x + d + h, y + h);
      }
  cairo_stroke (cr);

  if (style == 2)
    for (double dy = y + gap / 2; dy < y + h; dy += gap)
      for (double dx = x + gap / 2; dx < x + w; dx += gap)
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, dx, dy, gap * 0.2, 0, 2 * G_PI);
          cairo_fill (cr);
        }
  cairo_restore (cr);
}

static void
draw_marker (Painter *p,
             guint    series,
             double   x,
             double   y,
             double   r)
{
  cairo_t *cr = p->cr;

  switch (series % BO_CHART_N_STYLES)
    {
    case 0:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    case 1:
      cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
      break;
    case 2:
      cairo_move_to (cr, x, y - r * 1.2);
      cairo_line_to (cr, x + r * 1.1, y + r * 0.8);
      cairo_line_to (cr, x - r * 1.1, y + r * 0.8);
      cairo_close_path (cr);
      break;
    default:
      cairo_move_to (cr, x, y - r * 1.3);
      cairo_line_to (cr, x + r * 1.3, y);
      cairo_line_to (cr, x, y + r * 1.3);
      cairo_line_to (cr, x - r * 1.3, y);
      cairo_close_path (cr);
      break;
    }
  set_series_fill (p, series);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, p->line_width);
  cairo_stroke (cr);
}

static void
set_series_dash (Painter *p,
                 guint    series)
{
  double u = p->line_width * 2.5;
  const double dashed[] = { 4 * u, 2 * u };
  const double dotted[] = { 1 * u, 1.5 * u };
  const double dash_dot[] = { 4 * u, 1.5 * u, 1 * u, 1.5 * u };

  switch (series % BO_CHART_N_STYLES)
    {
    case 1:
      cairo_set_dash (p->cr, dashed, G_N_ELEMENTS (dashed), 0);
      break;
    case 2:
      cairo_set_dash (p->cr, dotted, G_N_ELEMENTS (dotted), 0);
      break;
    case 3:
      cairo_set_dash (p->cr, dash_dot, G_N_ELEMENTS (dash_dot), 0);
      break;
    default:
      cairo_set_dash (p->cr, NULL, 0, 0);
      break;
    }
}

/* A legend swatch: the bar's fill and pattern, or a stretch of the line with its marker. */
static void
draw_swatch (Painter *p,
             guint    series,
             double   x,
             double   y,
             double   size)
{
  cairo_t *cr = p->cr;

  if (bo_chart_get_series_kind (p->chart, series) == BO_CHART_BARS)
    {
      cairo_rectangle (cr, x, y, size, size);
      set_series_fill (p, series);
      cairo_fill (cr);
      draw_hatching (p, series, x, y, size, size);
      cairo_rectangle (cr, x, y, size, size);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_set_line_width (cr, p->line_width * 0.8);
      cairo_stroke (cr);
    }
  else
    {
      cairo_save (cr);
      set_series_line (p, series);
      set_series_dash (p, series);
      cairo_set_line_width (cr, p->line_width * 1.6);
      cairo_move_to (cr, x - size * 0.5, y + size / 2);
      cairo_line_to (cr, x + size * 1.5, y + size / 2);
      cairo_stroke (cr);
      cairo_restore (cr);
      draw_marker (p, series, x + size / 2, y + size / 2, size * 0.3);
    }
}

/* A step of 1, 2, 2.5 or 5 times a power of ten giving about @target ticks up to @max;
 * whole counts never get fractional steps. Integers only: no libm in the core. */
static gint64
nice_step (gint64 max,
           int    target,
           gint64 smallest)
{
  static const gint64 tenths[] = { 10, 20, 25, 50, 100 };
  gint64 raw = MAX ((max + target - 1) / target, 1);
  gint64 magnitude = 1;

  while (magnitude <= raw / 10)
    magnitude *= 10;
  for (guint i = 0; i < G_N_ELEMENTS (tenths); i++)
    {
      gint64 step = magnitude * tenths[i] / 10;

      if (tenths[i] == 25 && magnitude < 10)
        continue;
      if (step >= raw)
        return MAX (step, smallest);
    }
  return MAX (magnitude * 10, smallest);
}

void
bo_chart_draw (BoChart      *self,
               cairo_t      *cr,
               double        width,
               double        height,
               BoChartStyle  style)
{
  Painter p = { self, cr, style, 0, 0 };
  guint n_cat, n_series, n_bar_series = 0;
  double pad, y, legend_x, swatch, label_h;
  double plot_left, plot_right, plot_top, plot_bottom, group_w;
  gint64 max, step, axis_max;
  g_autofree char *max_label = NULL;
  g_autofree char *unit_label = NULL;
  double axis_label_w = 0;
  guint label_stride;
  double max_cat_w = 0;
  gboolean value_labels;

  g_return_if_fail (BO_IS_CHART (self));
  g_return_if_fail (cr != NULL);

  if (width < 40 || height < 40)
    return;

  cairo_save (cr);
  p.font_size = CLAMP (width / 34.0, 6.5, 10.0);
  p.line_width = MAX (p.font_size / 9.0, 0.6);
  pad = p.font_size * 0.6;
  n_cat = self->categories->len;
  n_series = self->series->len;
  for (guint s = 0; s < n_series; s++)
    if (bo_chart_get_series_kind (self, s) == BO_CHART_BARS)
      n_bar_series++;

  cairo_rectangle (cr, 0, 0, width, height);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);

  /* Title, with the unit of the y axis. */
  cairo_set_source_rgb (cr, 0, 0, 0);
  y = pad * 0.5;
  y += draw_text (&p, self->title, 0, y, 0, 1.15, TRUE, width);

  /* Legend: one swatch and name per series, wrapping. */
  swatch = p.font_size * 0.9;
  legend_x = 0;
  label_h = p.font_size * 1.3;
  y += pad * 0.4;
  for (guint s = 0; s < n_series; s++)
    {
      const char *name = bo_chart_get_series_name (self, s);
      double item_w = swatch * 2 + text_width (&p, name, 0.95) + p.font_size * 1.2;

      if (legend_x > 0 && legend_x + item_w > width)
        {
          legend_x = 0;
          y += label_h;
        }
      draw_swatch (&p, s, legend_x + swatch * 0.5, y + (label_h - swatch) / 2, swatch);
      cairo_set_source_rgb (cr, 0, 0, 0);
      draw_text (&p, name, legend_x + swatch * 2, y, 0, 0.95, FALSE, 0);
      legend_x += item_w;
    }
  if (n_series > 0)
    y += label_h;
  y += pad * 0.5;

  /* Axis scale: headroom for value labels above the bars. */
  max = bo_chart_get_max_value (self);
  if (self->unit == BO_CHART_UNIT_MONEY)
    {
      gint64 major = 1;

      for (guint i = 0; i < bo_currency_exponent (self->currency); i++)
        major *= 10;
      step = nice_step (max + max / 8, 4, max >= 4 * major ? major : 1);
    }
  else
    step = nice_step (max + max / 8, 4, 1);
  axis_max = MAX (step, ((max + max / 8 + step - 1) / step) * step);
  for (gint64 v = 0; v <= axis_max; v += step)
    {
      g_autofree char *label = bo_chart_format_value (self, v);

      axis_label_w = MAX (axis_label_w, text_width (&p, label, 0.9));
    }
  unit_label = self->unit == BO_CHART_UNIT_MONEY ? g_strdup (self->currency) : NULL;
  if (unit_label != NULL)
    axis_label_w = MAX (axis_label_w, text_width (&p, unit_label, 0.85));

  plot_left = axis_label_w + pad;
  plot_right = width - pad * 0.5;
  plot_top = y + (unit_label != NULL ? label_h : pad);
  plot_bottom = height - label_h - pad * 0.5;
  if (plot_bottom - plot_top < p.font_size * 3 || plot_right - plot_left < p.font_size * 4)
    {
      cairo_restore (cr);
      return;
    }
  group_w = n_cat > 0 ? (plot_right - plot_left) / n_cat : plot_right - plot_left;

  /* Grid and y labels. */
  if (unit_label != NULL)
    {
      cairo_set_source_rgb (cr, 0, 0, 0);
      draw_text (&p, unit_label, plot_left - pad * 0.5, plot_top - label_h, 1, 0.85, FALSE, 0);
    }
  for (gint64 v = 0; v <= axis_max; v += step)
    {
      double gy = plot_bottom - (plot_bottom - plot_top) * ((double) v / axis_max);
      g_autofree char *label = bo_chart_format_value (self, v);
      g_autoptr (PangoLayout) layout = make_layout (&p, label, 0.9, FALSE);
      double lh;

      layout_size (layout, NULL, &lh);
      cairo_set_source_rgb (cr, 0, 0, 0);
      draw_text (&p, label, plot_left - pad * 0.5, gy - lh / 2, 1, 0.9, FALSE, 0);
      if (v == 0)
        continue;
      cairo_save (cr);
      if (style == BO_CHART_STYLE_MONOCHROME)
        {
          const double dots[] = { p.line_width, p.line_width * 3 };

          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_set_dash (cr, dots, 2, 0);
        }
      else
        cairo_set_source_rgb (cr, 0.82, 0.82, 0.82);
      cairo_set_line_width (cr, p.line_width * 0.6);
      cairo_move_to (cr, plot_left, gy);
      cairo_line_to (cr, plot_right, gy);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  /* x labels: every one when they fit, else every second, third, … */
  for (guint c = 0; c < n_cat; c++)
    max_cat_w = MAX (max_cat_w, text_width (&p, self->categories->pdata[c], 0.9));
  /* A few categories (types, methods) all keep a label, shortened; many (hours) are thinned
   * out, since every second or third hour still reads. */
  label_stride = 1;
  while (n_cat > 8 && label_stride < n_cat && max_cat_w + pad > group_w * label_stride)
    label_stride++;
  for (guint c = 0; c < n_cat; c += label_stride)
    {
      cairo_set_source_rgb (cr, 0, 0, 0);
      draw_text (&p, self->categories->pdata[c], plot_left + group_w * (c + 0.5),
                 plot_bottom + pad * 0.3, 0.5, 0.9, FALSE, group_w * label_stride - pad * 0.3);
    }

  /* Bars, grouped per category. */
  value_labels = n_bar_series > 0;
  if (n_bar_series > 0)
    {
      double inner = group_w * 0.78;
      double bar_w = inner / n_bar_series;
      guint k = 0;

      for (guint s = 0; s < n_series; s++)
        {
          if (bo_chart_get_series_kind (self, s) != BO_CHART_BARS)
            continue;
          for (guint c = 0; c < n_cat; c++)
            {
              gint64 v = bo_chart_get_value (self, s, c);
              double bh = (plot_bottom - plot_top) * ((double) MAX (v, 0) / axis_max);
              double bx = plot_left + group_w * c + (group_w - inner) / 2 + bar_w * k;
              double by = plot_bottom - bh;

              if (v <= 0)
                continue;
              cairo_rectangle (cr, bx, by, bar_w, bh);
              set_series_fill (&p, s);
              cairo_fill (cr);
              draw_hatching (&p, s, bx, by, bar_w, bh);
              cairo_rectangle (cr, bx, by, bar_w, bh);
              cairo_set_source_rgb (cr, 0, 0, 0);
              cairo_set_line_width (cr, p.line_width * 0.7);
              cairo_stroke (cr);

              if (value_labels)
                {
                  g_autofree char *label = bo_chart_format_value (self, v);
                  double lw = text_width (&p, label, 0.8);

                  if (lw <= bar_w + group_w * 0.1)
                    {
                      cairo_set_source_rgb (cr, 0, 0, 0);
                      draw_text (&p, label, bx + bar_w / 2, by - p.font_size * 1.05, 0.5, 0.8,
                                 FALSE, 0);
                    }
                }
            }
          k++;
        }
    }

  /* Lines over the bars. */
  for (guint s = 0; s < n_series; s++)
    {
      if (bo_chart_get_series_kind (self, s) != BO_CHART_LINE || n_cat == 0)
        continue;
      cairo_save (cr);
      set_series_line (&p, s);
      set_series_dash (&p, s);
      cairo_set_line_width (cr, p.line_width * 1.6);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      for (guint c = 0; c < n_cat; c++)
        {
          gint64 v = bo_chart_get_value (self, s, c);
          double px = plot_left + group_w * (c + 0.5);
          double py = plot_bottom - (plot_bottom - plot_top) * ((double) MAX (v, 0) / axis_max);

          if (c == 0)
            cairo_move_to (cr, px, py);
          else
            cairo_line_to (cr, px, py);
        }
      cairo_stroke (cr);
      cairo_restore (cr);
      /* Markers only while they do not crowd each other. */
      if (group_w >= p.font_size * 0.9)
        for (guint c = 0; c < n_cat; c++)
          {
            gint64 v = bo_chart_get_value (self, s, c);

            draw_marker (&p, s, plot_left + group_w * (c + 0.5),
                         plot_bottom - (plot_bottom - plot_top) * ((double) MAX (v, 0) / axis_max),
                         MIN (p.font_size * 0.3, group_w * 0.3));
          }
    }

  /* Axes last, over everything. */
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, p.line_width);
  cairo_move_to (cr, plot_left, plot_top);
  cairo_line_to (cr, plot_left, plot_bottom);
  cairo_line_to (cr, plot_right, plot_bottom);
  cairo_stroke (cr);

  if (n_cat == 0 || max == 0)
    {
      cairo_set_source_rgb (cr, 0, 0, 0);
      draw_text (&p, _("No data"), (plot_left + plot_right) / 2,
                 (plot_top + plot_bottom) / 2 - p.font_size / 2, 0.5, 1.0, FALSE, 0);
    }

  cairo_restore (cr);
}
