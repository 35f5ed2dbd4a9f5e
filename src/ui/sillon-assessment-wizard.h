/* sillon-assessment-wizard.h — the pouvoir/vouloir/savoir assessment, one question at a time
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sillon-assessment.h"
#include "sillon-page.h"

G_BEGIN_DECLS

#define SILLON_TYPE_ASSESSMENT_WIZARD (sillon_assessment_wizard_get_type ())
G_DECLARE_FINAL_TYPE (SillonAssessmentWizard, sillon_assessment_wizard, SILLON, ASSESSMENT_WIZARD, SillonPage)

SillonAssessmentWizard *sillon_assessment_wizard_new (void);

/* Starts a new assessment of @beneficiary_id, dated today, on the latest
 * questionnaire; the page's session must be open. Its mediator signs the
 * overrides. FALSE when the questionnaire cannot be loaded. */
gboolean sillon_assessment_wizard_start (SillonAssessmentWizard *self,
                                         gint64 beneficiary_id,
                                         const char *person_name,
                                         GError **error);

/* Drops the answers. */
void sillon_assessment_wizard_reset (SillonAssessmentWizard *self);

/* TRUE between _start() and saving, cancelling or _reset(). */
gboolean sillon_assessment_wizard_is_active (SillonAssessmentWizard *self);
gint64 sillon_assessment_wizard_get_beneficiary_id (SillonAssessmentWizard *self);
/* Locking the vault keeps the answers given so far in memory (the wizard
 * hears of it from its session); once the page has a new session,
 * _resume() goes on where the mediator stopped. */
void sillon_assessment_wizard_resume (SillonAssessmentWizard *self);

/* TRUE when leaving now would lose an answer (given, or chosen on the
 * question on screen) or a decision taken on the result page. */
gboolean sillon_assessment_wizard_has_answers (SillonAssessmentWizard *self);

/* Asks, in a modal dialog over the wizard's window, whether to discard the
 * assessment under way. _finish() returns TRUE only if the mediator chose
 * to discard; keeping is the default. The question is answered "keep" if
 * the wizard is reset or its session locks first. While a question is shown, a
 * second call presents it again and fails with G_IO_ERROR_PENDING.
 * @cancellable is checked when the answer comes. */
void sillon_assessment_wizard_ask_discard_async (SillonAssessmentWizard *self,
                                                 const char *question,
                                                 const char *discard_label,
                                                 GCancellable *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer user_data);
gboolean sillon_assessment_wizard_ask_discard_finish (SillonAssessmentWizard *self,
                                                      GAsyncResult *result,
                                                      GError **error);

G_END_DECLS
