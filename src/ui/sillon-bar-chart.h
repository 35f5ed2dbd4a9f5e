/* sillon-bar-chart.h — counts by category as bars, drawn with Cairo
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A value that is not published (fewer than k people behind it, or hidden
 * so that such a value cannot be recomputed): drawn and said as hidden,
 * never as zero. */
#define SILLON_BAR_CHART_HIDDEN G_GINT64_CONSTANT (-1)

typedef enum
{
  SILLON_BAR_CHART_COLUMNS, /* one upright bar per category: months */
  SILLON_BAR_CHART_ROWS,    /* one bar per line, its label beside it: themes */
} SillonBarChartLayout;

/* What a chart shows, and what its table view lists: categories (rows),
 * each with one value per series; several series are stacked. */
typedef struct
{
  SillonBarChartLayout layout;
  guint n_series;
  char **series; /* the series' names: the legend and the table's headers */
  guint n_rows;
  char **labels;  /* short, under a column or beside a bar ("Jan") */
  char **names;   /* full, for the table and the description ("January 2026") */
  gint64 *values; /* n_rows × n_series, row by row */
} SillonChartData;

SillonChartData *sillon_chart_data_new (SillonBarChartLayout layout,
                                        guint n_series,
                                        const char *const *series,
                                        guint n_rows);
/* @label may be NULL: then the name is the label too. */
void sillon_chart_data_set_row (SillonChartData *data,
                                guint row,
                                const char *label,
                                const char *name,
                                const gint64 *values);
gint64 sillon_chart_data_get (const SillonChartData *data,
                              guint row,
                              guint series);
void sillon_chart_data_free (SillonChartData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonChartData, sillon_chart_data_free)

/* A count in the user's locale ("1 234" in French), or "hidden". */
char *sillon_chart_format_value (gint64 value);

/* Every value in words, for screen readers and whoever cannot read a bar:
 * "January 2026: 120. February 2026: hidden." */
char *sillon_chart_data_describe (const SillonChartData *data);

#define SILLON_TYPE_BAR_CHART (sillon_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (SillonBarChart, sillon_bar_chart, SILLON, BAR_CHART, GtkDrawingArea)

GtkWidget *sillon_bar_chart_new (void);

/* Shows @data (NULL: nothing), which the chart takes and keeps until the
 * next call, and sets its accessible description to the values in words. */
void sillon_bar_chart_set_data (SillonBarChart *self,
                                SillonChartData *data);
const SillonChartData *sillon_bar_chart_get_data (SillonBarChart *self);

G_END_DECLS
