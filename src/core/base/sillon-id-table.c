/* sillon-id-table.c — enumerations stored and exchanged as short text ids
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-id-table.h"

const char *
sillon_id_table_get_id (GType enum_type,
                        int value)
{
  g_autoptr (GEnumClass) klass = NULL;
  GEnumValue *found;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  klass = g_type_class_ref (enum_type);
  found = g_enum_get_value (klass, value);
  /* The nick is a string literal of the generated code: it outlives the
   * class reference. */
  return found != NULL ? found->value_nick : NULL;
}

gboolean
sillon_id_table_lookup (GType enum_type,
                        const char *id,
                        int *out_value)
{
  g_autoptr (GEnumClass) klass = NULL;
  GEnumValue *found;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), FALSE);

  if (id == NULL)
    return FALSE;
  klass = g_type_class_ref (enum_type);
  found = g_enum_get_value_by_nick (klass, id);
  if (found == NULL)
    return FALSE;
  if (out_value != NULL)
    *out_value = found->value;
  return TRUE;
}
