/* bo-chart-view.c — a report chart on screen, drawn by bo_chart_draw() at the widget's size
 *
 * The chart is a picture to the eye but figures to a screen reader: the accessible label is
 * the chart's title and the description lists every series' values, so nobody has to see the
 * bars to get the numbers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ui/bo-chart-view.h"

/* Past this many categories the description sums up instead of listing (hours of a long
 * event): a screen reader reading fifty numbers helps nobody. */
#define MAX_DESCRIBED_CATEGORIES 24

struct _BoChartView
{
  GtkWidget  parent_instance;

  BoChart   *chart;
};

G_DEFINE_FINAL_TYPE (BoChartView, bo_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHART,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_accessible (BoChartView *self)
{
  g_autofree char *description = NULL;

  if (self->chart == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  description = bo_chart_view_describe (self->chart);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, bo_chart_get_title (self->chart),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
bo_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  BoChartView *self = BO_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  bo_chart_draw (self->chart, cr, width, height, BO_CHART_STYLE_COLOUR);
  cairo_destroy (cr);
}

static void
bo_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  /* Small enough for a narrow window, and the text in the chart scales with the width. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 640;
    }
  else
    {
      *minimum = 220;
      *natural = for_size > 0 ? CLAMP (for_size * 9 / 16, 220, 400) : 320;
    }
}

static GtkSizeRequestMode
bo_chart_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
bo_chart_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BoChartView *self = BO_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_object (value, self->chart);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bo_chart_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BoChartView *self = BO_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      bo_chart_view_set_chart (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bo_chart_view_dispose (GObject *object)
{
  BoChartView *self = BO_CHART_VIEW (object);

  g_clear_object (&self->chart);

  G_OBJECT_CLASS (bo_chart_view_parent_class)->dispose (object);
}

static void
bo_chart_view_class_init (BoChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bo_chart_view_dispose;
  object_class->get_property = bo_chart_view_get_property;
  object_class->set_property = bo_chart_view_set_property;

  widget_class->snapshot = bo_chart_view_snapshot;
  widget_class->measure = bo_chart_view_measure;
  widget_class->get_request_mode = bo_chart_view_get_request_mode;

  properties[PROP_CHART] =
    g_param_spec_object ("chart", NULL, NULL, BO_TYPE_CHART,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
bo_chart_view_init (BoChartView *self)
{
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
bo_chart_view_new (BoChart *chart)
{
  g_return_val_if_fail (chart == NULL || BO_IS_CHART (chart), NULL);

  return g_object_new (BO_TYPE_CHART_VIEW, "chart", chart, NULL);
}

BoChart *
bo_chart_view_get_chart (BoChartView *self)
{
  g_return_val_if_fail (BO_IS_CHART_VIEW (self), NULL);

  return self->chart;
}

void
bo_chart_view_set_chart (BoChartView *self,
                         BoChart     *chart)
{
  g_return_if_fail (BO_IS_CHART_VIEW (self));
  g_return_if_fail (chart == NULL || BO_IS_CHART (chart));

  if (!g_set_object (&self->chart, chart))
    return;

  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART]);
}

char *
bo_chart_view_describe (BoChart *chart)
{
  GString *text;
  guint n_categories, n_series;

  g_return_val_if_fail (BO_IS_CHART (chart), NULL);

  text = g_string_new (NULL);
  n_categories = bo_chart_get_n_categories (chart);
  n_series = bo_chart_get_n_series (chart);

  if (n_categories == 0 || n_series == 0)
    {
      g_string_append (text, _("No figures."));
      return g_string_free (text, FALSE);
    }

  if (bo_chart_get_unit (chart) == BO_CHART_UNIT_MONEY && bo_chart_get_currency (chart) != NULL)
    g_string_append_printf (text, _("Amounts in %s."), bo_chart_get_currency (chart));

  for (guint s = 0; s < n_series; s++)
    {
      gint64 total = 0;
      guint shown = MIN (n_categories, MAX_DESCRIBED_CATEGORIES);

      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, "%s: ", bo_chart_get_series_name (chart, s));
      for (guint c = 0; c < n_categories; c++)
        {
          gint64 value = bo_chart_get_value (chart, s, c);

          total += value;
          if (c < shown)
            {
              g_autofree char *figure = bo_chart_format_value (chart, value);

              g_string_append_printf (text, "%s%s %s", c > 0 ? ", " : "",
                                      bo_chart_get_category (chart, c), figure);
            }
        }
      if (shown < n_categories)
        {
          g_autofree char *figure = bo_chart_format_value (chart, total);

          /* Translators: after the first values of a long chart: "… and 30 more; 1200 in all". */
          g_string_append_printf (text, _(" … and %u more; %s in all"), n_categories - shown, figure);
        }
      g_string_append_c (text, '.');
    }

  return g_string_free (text, FALSE);
}
