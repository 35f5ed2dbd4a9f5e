/* sillon-json-member.h — one member of a JSON object, written in one call
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JsonBuilder names a member and gives its value in two calls. The
 * documents Sillon writes (answer sets, results, exports, statistics
 * bundles) hold many members each; these write one in a single call, so
 * that a document reads as the list of its members.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* @value as a string, or null when it is NULL. */
void sillon_json_add_string_member (JsonBuilder *builder, const char *name, const char *value);
void sillon_json_add_int_member (JsonBuilder *builder, const char *name, gint64 value);
void sillon_json_add_boolean_member (JsonBuilder *builder, const char *name, gboolean value);

G_END_DECLS
