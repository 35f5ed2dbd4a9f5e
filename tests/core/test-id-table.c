/* test-id-table.c — mapping text ids back to enumeration values
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-id-table.h"

static const char *const ids[] = { NULL, "faire_pour", "faire_avec", "laisser_faire" };

static void
test_lookup (void)
{
  guint index = 99;

  g_assert_true (sillon_id_table_lookup (ids, G_N_ELEMENTS (ids), 0, "faire_avec", &index));
  g_assert_cmpuint (index, ==, 2);
  g_assert_true (sillon_id_table_lookup (ids, G_N_ELEMENTS (ids), 0, "laisser_faire", NULL));

  /* Misses leave the output untouched. */
  index = 99;
  g_assert_false (sillon_id_table_lookup (ids, G_N_ELEMENTS (ids), 0, "Faire_avec", &index));
  g_assert_false (sillon_id_table_lookup (ids, G_N_ELEMENTS (ids), 0, "", &index));
  g_assert_false (sillon_id_table_lookup (ids, G_N_ELEMENTS (ids), 0, NULL, &index));
  g_assert_cmpuint (index, ==, 99);
}

static void
test_first_and_bounds (void)
{
  guint index = 0;

  /* Entries before @first are not valid ids. */
  g_assert_false (sillon_id_table_lookup (ids, G_N_ELEMENTS (ids), 2, "faire_pour", &index));
  g_assert_true (sillon_id_table_lookup (ids, G_N_ELEMENTS (ids), 2, "faire_avec", &index));
  g_assert_cmpuint (index, ==, 2);
  /* Nor are entries past @n_ids. */
  g_assert_false (sillon_id_table_lookup (ids, 3, 0, "laisser_faire", &index));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/id-table/lookup", test_lookup);
  g_test_add_func ("/id-table/first-and-bounds", test_first_and_bounds);
  return g_test_run ();
}
