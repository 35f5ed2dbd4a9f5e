/* sillon-questionnaire.h — the versioned pouvoir/vouloir/savoir questionnaire
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sillon-assessment-enums.h"

G_BEGIN_DECLS

#define SILLON_QUESTIONNAIRE_ERROR (sillon_questionnaire_error_quark ())

typedef enum
{
  SILLON_QUESTIONNAIRE_ERROR_PARSE,           /* not JSON, or not an object */
  SILLON_QUESTIONNAIRE_ERROR_INVALID,         /* well-formed but inconsistent */
  SILLON_QUESTIONNAIRE_ERROR_UNKNOWN_VERSION, /* no such version in the registry */
  SILLON_QUESTIONNAIRE_ERROR_NOT_FOUND,       /* the data file could not be read */
} SillonQuestionnaireError;

GQuark sillon_questionnaire_error_quark (void);

/* The nicks are the ids of data files, answers and exports: never change
 * one. */
typedef enum
{
  SILLON_AXIS_POUVOIR, /*< nick=pouvoir >*/
  SILLON_AXIS_VOULOIR, /*< nick=vouloir >*/
  SILLON_AXIS_SAVOIR,  /*< nick=savoir >*/
} SillonAxis;

#define SILLON_AXIS_COUNT 3

/* The five areas of the national digital competence framework (CRCN/Pix,
 * DigComp 2.2): information and data; communication and collaboration;
 * digital content creation; protection and security; digital environment,
 * devices. Only savoir items have one. The nicks are the ids of data files
 * and exports: never change one. */
typedef enum
{
  SILLON_AREA_NONE,          /*< nick=none >*/
  SILLON_AREA_INFORMATION,   /*< nick=information >*/
  SILLON_AREA_COMMUNICATION, /*< nick=communication >*/
  SILLON_AREA_CREATION,      /*< nick=creation >*/
  SILLON_AREA_PROTECTION,    /*< nick=protection >*/
  SILLON_AREA_ENVIRONMENT,   /*< nick=environment >*/
} SillonArea;

#define SILLON_AREA_COUNT 6

/* Savoir items use the four national levels. */
#define SILLON_SKILL_LEVEL_MAX 3

const char *sillon_axis_to_id (SillonAxis axis);
gboolean sillon_axis_from_id (const char *id, SillonAxis *out_axis);
const char *sillon_axis_get_label (SillonAxis axis);
const char *sillon_area_to_id (SillonArea area);
gboolean sillon_area_from_id (const char *id, SillonArea *out_area);
const char *sillon_area_get_label (SillonArea area);

/* Versions this build can read. Old versions stay listed forever, so that
 * assessments saved against them remain interpretable. */
const guint *sillon_questionnaire_known_versions (gsize *n_versions);
guint sillon_questionnaire_latest_version (void);
gboolean sillon_questionnaire_version_is_known (guint version);

typedef struct _SillonQuestionnaireItem SillonQuestionnaireItem;

#define SILLON_TYPE_QUESTIONNAIRE (sillon_questionnaire_get_type ())
G_DECLARE_FINAL_TYPE (SillonQuestionnaire, sillon_questionnaire, SILLON, QUESTIONNAIRE, GObject)

SillonQuestionnaire *sillon_questionnaire_new_from_bytes (GBytes *bytes,
                                                          GError **error) G_GNUC_WARN_UNUSED_RESULT;
SillonQuestionnaire *sillon_questionnaire_new_from_file (GFile *file,
                                                         GError **error) G_GNUC_WARN_UNUSED_RESULT;
SillonQuestionnaire *sillon_questionnaire_new_from_resource (const char *path,
                                                             GError **error) G_GNUC_WARN_UNUSED_RESULT;

guint sillon_questionnaire_get_version (SillonQuestionnaire *self);
const char *sillon_questionnaire_get_title (SillonQuestionnaire *self);
guint sillon_questionnaire_get_n_items (SillonQuestionnaire *self);
const SillonQuestionnaireItem *sillon_questionnaire_get_item (SillonQuestionnaire *self,
                                                              guint index);
const SillonQuestionnaireItem *sillon_questionnaire_lookup_item (SillonQuestionnaire *self,
                                                                 const char *id);
guint sillon_questionnaire_count_items (SillonQuestionnaire *self,
                                        SillonAxis axis);

const char *sillon_questionnaire_item_get_id (const SillonQuestionnaireItem *item);
SillonAxis sillon_questionnaire_item_get_axis (const SillonQuestionnaireItem *item);
SillonArea sillon_questionnaire_item_get_area (const SillonQuestionnaireItem *item);
/* Translated question and mediator help. */
const char *sillon_questionnaire_item_get_question (const SillonQuestionnaireItem *item);
const char *sillon_questionnaire_item_get_help (const SillonQuestionnaireItem *item);
/* Informative items (e.g. preferred channel) feed the rules, not the score. */
gboolean sillon_questionnaire_item_is_scored (const SillonQuestionnaireItem *item);
guint sillon_questionnaire_item_get_weight (const SillonQuestionnaireItem *item);
/* Answers run from 0 to max; for scored items, higher is closer to autonomy. */
guint sillon_questionnaire_item_get_max (const SillonQuestionnaireItem *item);
guint sillon_questionnaire_item_get_n_choices (const SillonQuestionnaireItem *item);
guint sillon_questionnaire_item_get_choice_value (const SillonQuestionnaireItem *item,
                                                  guint index);
const char *sillon_questionnaire_item_get_choice_label (const SillonQuestionnaireItem *item,
                                                        guint index);
gboolean sillon_questionnaire_item_has_value (const SillonQuestionnaireItem *item,
                                              gint64 value);
/* Translated label of an answer value, or NULL if it is not a choice. */
const char *sillon_questionnaire_item_lookup_label (const SillonQuestionnaireItem *item,
                                                    guint value);

/* Finds questionnaires by version, loading each file once: from the files
 * built into Sillon, from a data directory (questionnaire-vN.json) or from a
 * GResource prefix. */
#define SILLON_TYPE_QUESTIONNAIRE_REGISTRY (sillon_questionnaire_registry_get_type ())
G_DECLARE_FINAL_TYPE (SillonQuestionnaireRegistry, sillon_questionnaire_registry, SILLON, QUESTIONNAIRE_REGISTRY, GObject)

SillonQuestionnaireRegistry *sillon_questionnaire_registry_new_default (void);
SillonQuestionnaireRegistry *sillon_questionnaire_registry_new_for_directory (const char *data_dir);
SillonQuestionnaireRegistry *sillon_questionnaire_registry_new_for_resource (const char *prefix);
/* NULL unless the registry reads a directory. */
const char *sillon_questionnaire_registry_get_data_dir (SillonQuestionnaireRegistry *self);

SillonQuestionnaire *sillon_questionnaire_registry_get (SillonQuestionnaireRegistry *self,
                                                        guint version,
                                                        GError **error);
SillonQuestionnaire *sillon_questionnaire_registry_get_latest (SillonQuestionnaireRegistry *self,
                                                               GError **error);
/* Reads another data file (e.g. orientation-rules-v1.json) from the same place. */
GBytes *sillon_questionnaire_registry_load_data (SillonQuestionnaireRegistry *self,
                                                 const char *basename,
                                                 GError **error);

G_END_DECLS
