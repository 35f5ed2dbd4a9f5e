/* sillon-id-table.c — enumerations stored and exchanged as short text ids
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-id-table.h"

gboolean
sillon_id_table_lookup (const char *const *ids,
                        guint n_ids,
                        guint first,
                        const char *id,
                        guint *out_index)
{
  g_return_val_if_fail (ids != NULL, FALSE);

  for (guint i = first; id != NULL && i < n_ids; i++)
    {
      if (ids[i] != NULL && g_str_equal (id, ids[i]))
        {
          if (out_index != NULL)
            *out_index = i;
          return TRUE;
        }
    }
  return FALSE;
}
