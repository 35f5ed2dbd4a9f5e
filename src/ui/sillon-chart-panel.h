/* sillon-chart-panel.h — one indicator of the dashboard: its heading, its
 * chart, and the same values as a table
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sillon-bar-chart.h"

G_BEGIN_DECLS

#define SILLON_TYPE_CHART_PANEL (sillon_chart_panel_get_type ())
G_DECLARE_FINAL_TYPE (SillonChartPanel, sillon_chart_panel, SILLON, CHART_PANEL, GtkBox)

/* Shows @data (taken; NULL empties the panel) in the chart and the table. */
void sillon_chart_panel_set_data (SillonChartPanel *self,
                                  SillonChartData *data);

SillonBarChart *sillon_chart_panel_get_chart (SillonChartPanel *self);

/* The table instead of the chart. */
void sillon_chart_panel_set_show_table (SillonChartPanel *self,
                                        gboolean show_table);

G_END_DECLS
