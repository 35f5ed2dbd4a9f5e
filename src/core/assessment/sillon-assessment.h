/* sillon-assessment.h — pouvoir/vouloir/savoir answers, scores, degree and orientations
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sillon-questionnaire.h"

G_BEGIN_DECLS

#define SILLON_ASSESSMENT_ERROR (sillon_assessment_error_quark ())

typedef enum
{
  SILLON_ASSESSMENT_ERROR_PARSE,        /* not JSON, or the wrong kind of file */
  SILLON_ASSESSMENT_ERROR_INVALID,      /* rules or answers inconsistent */
  SILLON_ASSESSMENT_ERROR_UNKNOWN_ITEM, /* an answer to an item the questionnaire lacks */
  SILLON_ASSESSMENT_ERROR_BAD_VALUE,    /* an answer that is not one of the item's choices */
  SILLON_ASSESSMENT_ERROR_OVERRIDE,     /* override without a reason, or of an unknown orientation */
} SillonAssessmentError;

GQuark sillon_assessment_error_quark (void);

/* Degree of distance from digital; thresholds in docs/ASSESSMENT.md. NONE:
 * no savoir answer, the degree is not determined. The nicks are stored in
 * assessments and exports: never change one. */
typedef enum
{
  SILLON_DEGREE_NONE,           /*< nick=none >*/
  SILLON_DEGREE_TRES_ELOIGNE,   /*< nick=tres_eloigne >*/
  SILLON_DEGREE_ELOIGNE,        /*< nick=eloigne >*/
  SILLON_DEGREE_EN_PROGRESSION, /*< nick=en_progression >*/
  SILLON_DEGREE_AUTONOME,       /*< nick=autonome >*/
} SillonDegree;

#define SILLON_DEGREE_COUNT 5

/* Savoir score thresholds (0–100) at which each degree starts. */
#define SILLON_DEGREE_ELOIGNE_FROM 25
#define SILLON_DEGREE_EN_PROGRESSION_FROM 50
#define SILLON_DEGREE_AUTONOME_FROM 80
/* A pouvoir score below these caps the degree: skills do not make a person
 * autonomous without the means to use them. */
#define SILLON_POUVOIR_CAP_ELOIGNE_BELOW 40
#define SILLON_POUVOIR_CAP_EN_PROGRESSION_BELOW 70

const char *sillon_degree_to_id (SillonDegree degree);
gboolean sillon_degree_from_id (const char *id, SillonDegree *out_degree);
const char *sillon_degree_get_label (SillonDegree degree);
SillonDegree sillon_degree_compute (gboolean has_pouvoir,
                                    guint pouvoir,
                                    gboolean has_savoir,
                                    guint savoir);

/* Context flags an answer set may carry for the rules (e.g. an urgent procedure). */
const char *const *sillon_assessment_known_contexts (void);

/* Orientation rules (orientation-rules-vN.json) */

#define SILLON_TYPE_ORIENTATION_RULES (sillon_orientation_rules_get_type ())
G_DECLARE_FINAL_TYPE (SillonOrientationRules, sillon_orientation_rules, SILLON, ORIENTATION_RULES, GObject)

SillonOrientationRules *sillon_orientation_rules_new_from_bytes (GBytes *bytes,
                                                                 GError **error) G_GNUC_WARN_UNUSED_RESULT;
SillonOrientationRules *sillon_orientation_rules_load (SillonQuestionnaireRegistry *registry,
                                                       guint version,
                                                       GError **error) G_GNUC_WARN_UNUSED_RESULT;
guint sillon_orientation_rules_latest_version (void);
guint sillon_orientation_rules_get_version (SillonOrientationRules *self);
guint sillon_orientation_rules_get_n_orientations (SillonOrientationRules *self);
const char *sillon_orientation_rules_get_orientation_id (SillonOrientationRules *self,
                                                         guint index);
gboolean sillon_orientation_rules_has_orientation (SillonOrientationRules *self,
                                                   const char *id);
/* Translated label, or NULL for an unknown id. */
const char *sillon_orientation_rules_get_orientation_label (SillonOrientationRules *self,
                                                            const char *id);
/* Checks that every item and answer value the rules mention exists in @questionnaire. */
gboolean sillon_orientation_rules_check (SillonOrientationRules *self,
                                         SillonQuestionnaire *questionnaire,
                                         GError **error);
/* Values accepted in an orientation's "coop" member for @field
 * (type_activite, niveau_atelier, structure_de_redirection, thematiques),
 * NULL-terminated; NULL for an unknown field. */
const char *const *sillon_orientation_coop_values (const char *field);

/* Assessment: one dated answer set */

typedef enum
{
  SILLON_ANSWER_NONE,    /* not asked */
  SILLON_ANSWER_SKIPPED, /* asked, no answer: not counted in scores */
  SILLON_ANSWER_GIVEN,
} SillonAnswerState;

#define SILLON_TYPE_ASSESSMENT (sillon_assessment_get_type ())
G_DECLARE_FINAL_TYPE (SillonAssessment, sillon_assessment, SILLON, ASSESSMENT, GObject)

SillonAssessment *sillon_assessment_new (SillonQuestionnaire *questionnaire);
SillonAssessment *sillon_assessment_new_from_json (JsonNode *node,
                                                   SillonQuestionnaireRegistry *registry,
                                                   GError **error) G_GNUC_WARN_UNUSED_RESULT;
SillonAssessment *sillon_assessment_new_from_bytes (GBytes *bytes,
                                                    SillonQuestionnaireRegistry *registry,
                                                    GError **error) G_GNUC_WARN_UNUSED_RESULT;
JsonNode *sillon_assessment_to_json (SillonAssessment *self);

SillonQuestionnaire *sillon_assessment_get_questionnaire (SillonAssessment *self);
/* ISO 8601 calendar date (YYYY-MM-DD), or NULL. */
const char *sillon_assessment_get_date (SillonAssessment *self);
gboolean sillon_assessment_set_date (SillonAssessment *self,
                                     const char *date,
                                     GError **error);

gboolean sillon_assessment_set_answer (SillonAssessment *self,
                                       const char *item_id,
                                       guint value,
                                       GError **error);
gboolean sillon_assessment_skip (SillonAssessment *self,
                                 const char *item_id,
                                 GError **error);
void sillon_assessment_clear_answer (SillonAssessment *self,
                                     const char *item_id);
SillonAnswerState sillon_assessment_get_answer (SillonAssessment *self,
                                                const char *item_id,
                                                guint *out_value);
gboolean sillon_assessment_set_context (SillonAssessment *self,
                                        const char *key,
                                        gboolean value,
                                        GError **error);
gboolean sillon_assessment_get_context (SillonAssessment *self,
                                        const char *key);

/* Mediator overrides. Each needs a reason; @by (the mediator's display
 * name) may be NULL. They are kept with the answers and shown in results. */
gboolean sillon_assessment_override_degree (SillonAssessment *self,
                                            SillonDegree degree,
                                            const char *reason,
                                            const char *by,
                                            GError **error);
gboolean sillon_assessment_add_orientation (SillonAssessment *self,
                                            const char *orientation_id,
                                            const char *reason,
                                            const char *by,
                                            GError **error);
gboolean sillon_assessment_dismiss_orientation (SillonAssessment *self,
                                                const char *orientation_id,
                                                const char *reason,
                                                const char *by,
                                                GError **error);
void sillon_assessment_clear_overrides (SillonAssessment *self);

/* Result of scoring one assessment */

typedef struct
{
  guint total;           /* items of the axis in the questionnaire */
  guint answered;        /* given answers */
  guint skipped;         /* asked without an answer */
  guint scored_total;    /* scored items of the axis */
  guint scored_answered; /* scored items with an answer: what the score is based on */
} SillonCoverage;

typedef struct _SillonAssessmentResult SillonAssessmentResult;

/* @rules may be NULL: scores and degree only. */
SillonAssessmentResult *sillon_assessment_evaluate (SillonAssessment *self,
                                                    SillonOrientationRules *rules,
                                                    GError **error) G_GNUC_WARN_UNUSED_RESULT;
void sillon_assessment_result_free (SillonAssessmentResult *result);
/* FALSE when the axis has no answer: no score is not a score of 0. */
gboolean sillon_assessment_result_get_score (SillonAssessmentResult *result,
                                             SillonAxis axis,
                                             guint *out_score);
void sillon_assessment_result_get_coverage (SillonAssessmentResult *result,
                                            SillonAxis axis,
                                            SillonCoverage *out_coverage);
/* Level 0–3 of a savoir item, or -1 when not answered. */
gint sillon_assessment_result_get_skill_level (SillonAssessmentResult *result,
                                               const char *item_id);
gboolean sillon_assessment_result_get_area_score (SillonAssessmentResult *result,
                                                  SillonArea area,
                                                  guint *out_score);
SillonDegree sillon_assessment_result_get_degree (SillonAssessmentResult *result);
SillonDegree sillon_assessment_result_get_computed_degree (SillonAssessmentResult *result);
gboolean sillon_assessment_result_is_degree_overridden (SillonAssessmentResult *result);
/* TRUE when the degree rests on less than half of the savoir items or on no
 * pouvoir answer. */
gboolean sillon_assessment_result_is_provisional (SillonAssessmentResult *result);
/* Final orientation ids (suggested, minus dismissed, plus added), in the
 * rules file's order; NULL-terminated. */
const char *const *sillon_assessment_result_get_orientations (SillonAssessmentResult *result);
JsonNode *sillon_assessment_result_to_json (SillonAssessmentResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonAssessmentResult, sillon_assessment_result_free)

/* Progress between two assessments of one person */

typedef struct _SillonAssessmentComparison SillonAssessmentComparison;

/* Only items answered in both are compared, matched by item id, so the two
 * may come from different questionnaire versions. */
SillonAssessmentComparison *sillon_assessment_compare (SillonAssessment *before,
                                                       SillonAssessment *after);
void sillon_assessment_comparison_free (SillonAssessmentComparison *comparison);
/* FALSE when no scored item of the axis was answered in both. */
gboolean sillon_assessment_comparison_get_axis (SillonAssessmentComparison *comparison,
                                                SillonAxis axis,
                                                guint *out_before,
                                                guint *out_after,
                                                gint *out_delta,
                                                guint *out_n_common);
/* Savoir item ids whose level rose / fell, NULL-terminated, questionnaire order. */
const char *const *sillon_assessment_comparison_get_skills_up (SillonAssessmentComparison *comparison);
const char *const *sillon_assessment_comparison_get_skills_down (SillonAssessmentComparison *comparison);
JsonNode *sillon_assessment_comparison_to_json (SillonAssessmentComparison *comparison);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonAssessmentComparison, sillon_assessment_comparison_free)

/* A person's path over several assessments, oldest first: each step's
 * scores and degree, the change from each step to the next and from the
 * first to the last. */
JsonNode *sillon_assessment_path_to_json (SillonAssessment *const *assessments,
                                          guint n_assessments,
                                          SillonOrientationRules *rules,
                                          GError **error);

G_END_DECLS
