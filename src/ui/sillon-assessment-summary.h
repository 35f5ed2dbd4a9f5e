/* sillon-assessment-summary.h — an assessment's result and the mediator's decision
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sillon-assessment.h"

G_BEGIN_DECLS

/* The wizard's result page. Its buttons activate the wizard's actions
 * (wizard.cancel, wizard.continue, wizard.save): it lives inside a
 * SillonAssessmentWizard. */
#define SILLON_TYPE_ASSESSMENT_SUMMARY (sillon_assessment_summary_get_type ())
G_DECLARE_FINAL_TYPE (SillonAssessmentSummary, sillon_assessment_summary, SILLON, ASSESSMENT_SUMMARY, GtkBox)

/* Evaluates @assessment and shows the result, with the decision reset to
 * "as computed". The summary keeps references to the three objects until
 * _clear(); the decision is applied to @assessment on
 * _apply_decision() only. */
gboolean sillon_assessment_summary_show (SillonAssessmentSummary *self,
                                         SillonAssessment *assessment,
                                         SillonQuestionnaire *questionnaire,
                                         SillonOrientationRules *rules,
                                         GError **error);
/* Scrolls to the top and puts the focus on the degree. */
void sillon_assessment_summary_focus_decision (SillonAssessmentSummary *self);

/* Sets the mediator's decision on the assessment as overrides signed by
 * @mediator_name (may be NULL). On FALSE the page says what is missing
 * and the assessment has no override. */
gboolean sillon_assessment_summary_apply_decision (SillonAssessmentSummary *self,
                                                   const char *mediator_name,
                                                   char **out_reason,
                                                   gboolean *out_overridden);
/* TRUE when the mediator changed the degree, the orientations or the
 * reason: leaving would lose a decision. */
gboolean sillon_assessment_summary_decision_changed (SillonAssessmentSummary *self);
/* Shows @message above the buttons, and the end of the page with it. */
void sillon_assessment_summary_show_error (SillonAssessmentSummary *self,
                                           const char *message);
/* Forgets the assessment; nothing about it stays in the widgets. */
void sillon_assessment_summary_clear (SillonAssessmentSummary *self);

G_END_DECLS
