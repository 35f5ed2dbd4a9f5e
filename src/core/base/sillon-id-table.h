/* sillon-id-table.h — enumerations stored and exchanged as short text ids
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Data files, the database and exports name enumeration values by text id.
 * The ids are the nicks of the enumerations' GEnum types, which
 * gnome.mkenums_simple generates from the headers: each value carries its
 * id as a `nick=` annotation beside it, and a value marked `skip` has none
 * (it is never written). Every module maps them the same way, here.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The id of @value of the enumeration @enum_type, NULL when @value is not
 * one of its values or has no id. */
const char *sillon_id_table_get_id (GType enum_type,
                                    int value);

/* Finds the value whose id is @id (a NULL @id finds nothing) and stores it
 * in @out_value (may be NULL), which a miss leaves untouched. */
gboolean sillon_id_table_lookup (GType enum_type,
                                 const char *id,
                                 int *out_value);

G_END_DECLS
