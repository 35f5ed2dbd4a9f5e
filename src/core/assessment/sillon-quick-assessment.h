/* sillon-quick-assessment.h — the short form of the assessment, and continuing to the full one
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sillon-assessment.h"
#include "sillon-questionnaire.h"

G_BEGIN_DECLS

#define SILLON_QUICK_ASSESSMENT_ERROR (sillon_quick_assessment_error_quark ())

typedef enum
{
  SILLON_QUICK_ASSESSMENT_ERROR_PARSE,           /* not JSON, or not a quick form */
  SILLON_QUICK_ASSESSMENT_ERROR_INVALID,         /* well formed but inconsistent with its questionnaire */
  SILLON_QUICK_ASSESSMENT_ERROR_UNKNOWN_VERSION, /* a version this build does not know */
} SillonQuickAssessmentError;

GQuark sillon_quick_assessment_error_quark (void);

/* The file name among Sillon's data files (and in a --data-dir folder). */
#define SILLON_QUICK_ASSESSMENT_DATA_FILE "quick-assessment-v1.json"

/* The longest quick form accepted: beyond it, it is no longer quick. */
#define SILLON_QUICK_ASSESSMENT_MAX_ITEMS 15

typedef struct _SillonQuickForm SillonQuickForm;

SillonQuickForm *sillon_quick_form_new_from_bytes (GBytes *bytes,
                                                   SillonQuestionnaireRegistry *registry,
                                                   GError **error) G_GNUC_WARN_UNUSED_RESULT;
SillonQuickForm *sillon_quick_form_load (SillonQuestionnaireRegistry *registry,
                                         GError **error) G_GNUC_WARN_UNUSED_RESULT;
void sillon_quick_form_free (SillonQuickForm *form);

guint sillon_quick_form_get_version (SillonQuickForm *form);
SillonQuestionnaire *sillon_quick_form_get_questionnaire (SillonQuickForm *form);
const char *sillon_quick_form_get_title (SillonQuickForm *form);
const char *sillon_quick_form_get_description (SillonQuickForm *form);
guint sillon_quick_form_get_n_items (SillonQuickForm *form);
const SillonQuestionnaireItem *sillon_quick_form_get_item (SillonQuickForm *form,
                                                           guint index);
gboolean sillon_quick_form_contains (SillonQuickForm *form,
                                     const char *item_id);

SillonAssessment *sillon_quick_form_new_assessment (SillonQuickForm *form) G_GNUC_WARN_UNUSED_RESULT;
const SillonQuestionnaireItem *sillon_quick_form_next_item (SillonQuickForm *form,
                                                            SillonAssessment *assessment);
gboolean sillon_quick_form_is_complete (SillonQuickForm *form,
                                        SillonAssessment *assessment);

GPtrArray *sillon_assessment_list_unasked_items (SillonAssessment *assessment) G_GNUC_WARN_UNUSED_RESULT;

char *sillon_assessment_result_describe_coverage (SillonAssessmentResult *result,
                                                  SillonAxis axis) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonQuickForm, sillon_quick_form_free)

G_END_DECLS
