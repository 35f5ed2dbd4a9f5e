/* sillon-assessment-json.h — checked reads of the assessment's JSON files
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Shared by the questionnaire and the assessment (answers, orientation
 * rules); another layer has its own needs and reads JSON its own way. */
#if !defined(SILLON_ASSESSMENT_COMPILATION)
#error "sillon-assessment-json.h is private to the assessment layer (src/core/assessment)"
#endif

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* json-glib's getters abort on a type mismatch, so these check the type of
 * every member before reading it: a file with a string where a number
 * belongs gets an error from the caller, not a crash. */
const char *sillon_assessment_json_member_string (JsonObject *object, const char *name);
gboolean sillon_assessment_json_node_int (JsonNode *node, gint64 *out);
gboolean sillon_assessment_json_member_int (JsonObject *object, const char *name, gint64 *out);

/* TRUE for NULL, the empty string, and ASCII white space alone. */
gboolean sillon_assessment_text_is_blank (const char *text);

G_END_DECLS
