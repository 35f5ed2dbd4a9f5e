/* sillon-id-table.h — enumerations stored and exchanged as short text ids
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Finds @id among @ids[@first … @n_ids - 1] (a NULL @id finds nothing) and
 * stores its index in @out_index. Data files, the database and exports name
 * enumeration values by id; every module maps them back the same way. */
gboolean sillon_id_table_lookup (const char *const *ids,
                                 guint n_ids,
                                 guint first,
                                 const char *id,
                                 guint *out_index);

G_END_DECLS
