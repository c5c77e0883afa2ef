/* bo-chart-view.h — a report chart on screen, drawn by bo_chart_draw() at the widget's size
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "report/bo-chart.h"

G_BEGIN_DECLS

#define BO_TYPE_CHART_VIEW (bo_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (BoChartView, bo_chart_view, BO, CHART_VIEW, GtkWidget)

GtkWidget *bo_chart_view_new       (BoChart *chart);

BoChart   *bo_chart_view_get_chart (BoChartView *self);
void       bo_chart_view_set_chart (BoChartView *self,
                                    BoChart     *chart);

/* The figures in words, for assistive technologies: "Sales by hour. Tickets: 18:00 3, …". */
char      *bo_chart_view_describe  (BoChart *chart);

G_END_DECLS
