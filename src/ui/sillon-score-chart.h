/* sillon-score-chart.h — an assessment's three scores as horizontal bars
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sillon-assessment.h"

G_BEGIN_DECLS

#define SILLON_TYPE_SCORE_CHART (sillon_score_chart_get_type ())
G_DECLARE_FINAL_TYPE (SillonScoreChart, sillon_score_chart, SILLON, SCORE_CHART, GtkDrawingArea)

GtkWidget *sillon_score_chart_new (void);

/* Shows the scores of @result (copied: the chart keeps no pointer to it),
 * and says them in words to screen readers and in the tooltip. NULL
 * empties the chart. */
void sillon_score_chart_set_result (SillonScoreChart *self,
                                    SillonAssessmentResult *result);

G_END_DECLS
