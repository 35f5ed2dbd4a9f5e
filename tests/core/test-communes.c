/* test-communes.c — the list of French communes: codes, names, completion
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-communes.h"

#include <string.h>

static SillonCommunes *
default_communes (void)
{
  g_autoptr (GError) error = NULL;
  SillonCommunes *communes = sillon_communes_get_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (communes);
  return communes;
}

static GPtrArray *
complete_ok (SillonCommunes *communes,
             const char *query,
             guint max)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *found = sillon_communes_complete (communes, query, max, &error);

  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpuint (found->len, <=, max);
  return found;
}

static const SillonCommune *
nth (GPtrArray *found,
     guint i)
{
  g_assert_cmpuint (i, <, found->len);
  return g_ptr_array_index (found, i);
}

static gboolean
contains_code (GPtrArray *found,
               const char *insee)
{
  for (guint i = 0; i < found->len; i++)
    if (g_str_equal (nth (found, i)->insee, insee))
      return TRUE;
  return FALSE;
}

static gboolean
has_postal_code (const SillonCommune *commune,
                 const char *postal)
{
  for (const char *const *p = commune->postal_codes; *p != NULL; p++)
    if (g_str_equal (*p, postal))
      return TRUE;
  return FALSE;
}

static void
test_default_list (void)
{
  SillonCommunes *communes = default_communes ();
  g_autoptr (GError) error = NULL;

  /* Loaded once: the same list every time. */
  g_assert_true (sillon_communes_get_default (&error) == communes);
  g_assert_no_error (error);
  /* 34 969 current communes and 45 municipal arrondissements in 2026. */
  g_assert_cmpuint (sillon_communes_get_n_communes (communes), ==, 35014);
}

static void
test_lookup (void)
{
  SillonCommunes *communes = default_communes ();
  g_autoptr (GError) error = NULL;
  const SillonCommune *c;

  c = sillon_communes_lookup (communes, "42218", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c->name, ==, "Saint-Étienne");
  g_assert_cmpstr (c->departement, ==, "42");
  g_assert_cmpstr (c->departement_name, ==, "Loire");
  g_assert_true (has_postal_code (c, "42000"));
  g_assert_true (has_postal_code (c, "42100"));
  g_assert_false (has_postal_code (c, "75001"));

  /* Corsica, written as people write it. */
  c = sillon_communes_lookup (communes, " 2a004 ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c->name, ==, "Ajaccio");
  g_assert_cmpstr (c->departement, ==, "2A");
  g_assert_cmpstr (c->departement_name, ==, "Corse-du-Sud");

  /* A municipal arrondissement, and an overseas département. */
  c = sillon_communes_lookup (communes, "75111", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (c->name, "Paris 11"));
  g_assert_cmpstr (c->departement_name, ==, "Paris");
  c = sillon_communes_lookup (communes, "97411", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c->name, ==, "Saint-Denis");
  g_assert_cmpstr (c->departement_name, ==, "La Réunion");
}

/* A code stored before a merger still names the commune it became. */
static void
test_former_codes (void)
{
  SillonCommunes *communes = default_communes ();
  g_autoptr (GError) error = NULL;
  const SillonCommune *c = sillon_communes_lookup (communes, "01126", &error);
  g_autofree char *described = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (c);
  g_assert_cmpstr (c->insee, ==, "01033");
  g_assert_cmpstr (c->name, ==, "Valserhône");
  described = sillon_communes_describe_code (communes, "01126");
  g_assert_cmpstr (described, ==, "Valserhône (01)");

  /* A former code is not offered to new records. */
  {
    g_autoptr (GPtrArray) found = complete_ok (communes, "01126", 10);
    g_assert_cmpuint (found->len, ==, 0);
  }
}

static void
test_lookup_errors (void)
{
  SillonCommunes *communes = default_communes ();
  const char *bad_shapes[] = { "", "4221", "422180", "ABCDE", "2C004", "42 18", "3A004" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_shapes); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_null (sillon_communes_lookup (communes, bad_shapes[i], &error));
      g_assert_error (error, SILLON_COMMUNES_ERROR, SILLON_COMMUNES_ERROR_INVALID_CODE);
      /* The message shows what a valid code looks like. */
      g_assert_nonnull (strstr (error->message, "42218"));
      g_assert_nonnull (strstr (error->message, "2A004"));
      g_assert_false (sillon_communes_check_code (bad_shapes[i], NULL));
    }

  {
    g_autoptr (GError) error = NULL;

    /* Well formed, but no commune: not the same error. */
    g_assert_true (sillon_communes_check_code ("99999", NULL));
    g_assert_null (sillon_communes_lookup (communes, "99999", &error));
    g_assert_error (error, SILLON_COMMUNES_ERROR, SILLON_COMMUNES_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "99999"));
  }
}

static void
test_normalize (void)
{
  const char *cases[][2] = {
    { "Saint-Étienne", "saintetienne" },
    { "st etienne", "saintetienne" },
    { "ST-ÉTIENNE", "saintetienne" },
    { "Ste-Foy-lès-Lyon", "saintefoyleslyon" },
    { "L'Haÿ-les-Roses", "lhaylesroses" },
    { "Œting", "oeting" },
    { "Stains", "stains" },
    { "Saints", "saints" },
    { "Sts", "saints" },
    { "  --  ", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = sillon_communes_normalize_name (cases[i][0]);
      g_assert_cmpstr (key, ==, cases[i][1]);
    }
}

static void
test_complete_by_name (void)
{
  SillonCommunes *communes = default_communes ();
  const char *spellings[] = { "st etienne", "Saint-Étienne", "SAINT ETIENNE", "saint-etienne", "st-étienne", "St Étie" };

  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      g_autoptr (GPtrArray) found = complete_ok (communes, spellings[i], 10);

      /* The largest Saint-Étienne first among the many namesakes. */
      g_assert_cmpstr (nth (found, 0)->insee, ==, "42218");
      for (guint j = 0; j < found->len; j++)
        {
          g_autofree char *key = sillon_communes_normalize_name (nth (found, j)->name);
          g_assert_true (g_str_has_prefix (key, "saintetienne"));
        }
    }

  {
    /* A whole name wins over a larger commune that only starts like it. */
    g_autoptr (GPtrArray) found = complete_ok (communes, "paris", 5);
    g_assert_cmpstr (nth (found, 0)->insee, ==, "75056");

    g_clear_pointer (&found, g_ptr_array_unref);
    found = complete_ok (communes, "Lyon", 5);
    g_assert_cmpstr (nth (found, 0)->insee, ==, "69123");
  }

  {
    /* "st" is also the start of Strasbourg: both readings are offered. */
    g_autoptr (GPtrArray) found = complete_ok (communes, "st", 50);
    gboolean saint = FALSE;

    g_assert_cmpuint (found->len, ==, 50);
    g_assert_true (contains_code (found, "67482")); /* Strasbourg */
    for (guint i = 0; i < found->len; i++)
      saint |= g_str_has_prefix (nth (found, i)->name, "Saint");
    g_assert_true (saint);
    /* Largest first. */
    for (guint i = 1; i < found->len; i++)
      g_assert_cmpuint (nth (found, i - 1)->population, >=, nth (found, i)->population);
  }

  {
    /* Names with an article are found without it too, and only once. */
    g_autoptr (GPtrArray) found = complete_ok (communes, "havre", 5);
    g_assert_cmpstr (nth (found, 0)->insee, ==, "76351");
    g_clear_pointer (&found, g_ptr_array_unref);
    found = complete_ok (communes, "rochelle", 5);
    g_assert_cmpstr (nth (found, 0)->insee, ==, "17300");
    g_clear_pointer (&found, g_ptr_array_unref);
    found = complete_ok (communes, "le havre", 5);
    g_assert_cmpstr (nth (found, 0)->insee, ==, "76351");
    for (guint i = 1; i < found->len; i++)
      g_assert_cmpstr (nth (found, i)->insee, !=, "76351");
    g_clear_pointer (&found, g_ptr_array_unref);
    found = complete_ok (communes, "haÿ les roses", 5);
    g_assert_cmpstr (nth (found, 0)->name, ==, "L'Haÿ-les-Roses");
  }

  {
    g_autoptr (GPtrArray) found = complete_ok (communes, "zzzz", 10);
    g_assert_cmpuint (found->len, ==, 0);
  }
}

static void
test_complete_by_postal_code (void)
{
  SillonCommunes *communes = default_communes ();
  g_autoptr (GPtrArray) found = complete_ok (communes, "42000", 10);

  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (nth (found, 0)->insee, ==, "42218");

  g_clear_pointer (&found, g_ptr_array_unref);
  found = complete_ok (communes, " 42 000 ", 10);
  g_assert_cmpuint (found->len, ==, 1);

  /* A prefix: Paris has twenty postal codes starting 750 but comes once. */
  g_clear_pointer (&found, g_ptr_array_unref);
  found = complete_ok (communes, "750", 30);
  g_assert_cmpstr (nth (found, 0)->insee, ==, "75056");
  for (guint i = 1; i < found->len; i++)
    g_assert_cmpstr (nth (found, i)->insee, !=, "75056");
  for (guint i = 0; i < found->len; i++)
    {
      gboolean any = FALSE;
      for (const char *const *p = nth (found, i)->postal_codes; *p != NULL; p++)
        any |= g_str_has_prefix (*p, "750");
      g_assert_true (any);
    }

  /* Several communes share one postal code. */
  g_clear_pointer (&found, g_ptr_array_unref);
  found = complete_ok (communes, "01400", 50);
  g_assert_cmpuint (found->len, >, 1);
  g_assert_true (contains_code (found, "01001"));
}

static void
test_complete_empty_and_invalid (void)
{
  SillonCommunes *communes = default_communes ();
  const char *invalid_postal[] = { "420000", "42a", "42-000", "4200 0x" };
  const char *invalid_name[] = { "---", "''", "…" };

  {
    /* Nothing typed yet is not an error. */
    g_autoptr (GPtrArray) found = complete_ok (communes, "", 10);
    g_assert_cmpuint (found->len, ==, 0);
    g_clear_pointer (&found, g_ptr_array_unref);
    found = complete_ok (communes, "   ", 10);
    g_assert_cmpuint (found->len, ==, 0);
  }

  for (guint i = 0; i < G_N_ELEMENTS (invalid_postal); i++)
    {
      g_autoptr (GError) error = NULL;
      g_assert_null (sillon_communes_complete (communes, invalid_postal[i], 10, &error));
      g_assert_error (error, SILLON_COMMUNES_ERROR, SILLON_COMMUNES_ERROR_INVALID_QUERY);
      g_assert_nonnull (strstr (error->message, "five digits"));
      g_assert_nonnull (strstr (error->message, "42000"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid_name); i++)
    {
      g_autoptr (GError) error = NULL;
      g_assert_null (sillon_communes_complete (communes, invalid_name[i], 10, &error));
      g_assert_error (error, SILLON_COMMUNES_ERROR, SILLON_COMMUNES_ERROR_INVALID_QUERY);
      g_assert_nonnull (strstr (error->message, "Saint-Étienne"));
    }
  {
    g_autoptr (GError) error = NULL;
    g_assert_null (sillon_communes_complete (communes, "Sa\xff", 10, &error));
    g_assert_error (error, SILLON_COMMUNES_ERROR, SILLON_COMMUNES_ERROR_INVALID_QUERY);
  }
}

static void
test_describe_code (void)
{
  SillonCommunes *communes = default_communes ();
  g_autofree char *st_etienne = sillon_communes_describe_code (communes, "42218");
  g_autofree char *reunion = sillon_communes_describe_code (communes, "97411");
  g_autofree char *paris = sillon_communes_describe_code (communes, "93066");
  g_autofree char *unknown = sillon_communes_describe_code (communes, "99999");
  g_autofree char *garbage = sillon_communes_describe_code (communes, "abc");

  g_assert_cmpstr (st_etienne, ==, "Saint-Étienne (42)");
  /* Namesakes told apart by their département. */
  g_assert_cmpstr (reunion, ==, "Saint-Denis (974)");
  g_assert_cmpstr (paris, ==, "Saint-Denis (93)");
  /* What a record holds is never hidden. */
  g_assert_cmpstr (unknown, ==, "99999");
  g_assert_cmpstr (garbage, ==, "abc");
  g_assert_null (sillon_communes_describe_code (communes, NULL));
  g_assert_null (sillon_communes_describe_code (communes, ""));
}

static const char small_list[] = "# a comment\n"
                                 "D\t01\tAin\n"
                                 "D\t2A\tCorse-du-Sud\n"
                                 "C\t01001\tSaint-Aa\t01\t10\t01400\n"
                                 "C\t01002\tSaint-Aa-le-Grand\t01\t5000\t01400 01500\n"
                                 "C\t01003\tStab\t01\t0\t\n"
                                 "C\t2A001\tSainte-Bb\t2A\t20\t20000\n";

static void
test_small_list (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonCommunes) communes = sillon_communes_new_from_data (small_list, strlen (small_list), &error);
  g_autoptr (GPtrArray) found = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (sillon_communes_get_n_communes (communes), ==, 4);

  /* The whole name first although the other is larger. */
  found = complete_ok (communes, "st aa", 10);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (nth (found, 0)->insee, ==, "01001");
  g_assert_cmpstr (nth (found, 1)->insee, ==, "01002");

  /* At most what was asked. */
  g_clear_pointer (&found, g_ptr_array_unref);
  found = complete_ok (communes, "s", 1);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (nth (found, 0)->insee, ==, "01002");

  g_clear_pointer (&found, g_ptr_array_unref);
  found = complete_ok (communes, "ste b", 10);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (nth (found, 0)->departement_name, ==, "Corse-du-Sud");

  /* No postal code at all is allowed. */
  g_assert_null (sillon_communes_lookup (communes, "01003", &error)->postal_codes[0]);
  g_assert_no_error (error);

  g_clear_pointer (&found, g_ptr_array_unref);
  found = complete_ok (communes, "014", 10);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (nth (found, 0)->insee, ==, "01002");
}

static void
test_invalid_data (void)
{
  const struct
  {
    const char *text;
    guint line;
  } cases[] = {
    { "", 0 },
    { "# only a comment\n", 1 },
    { "D\t01\tAin\nC\t01001\tA\t02\t1\t01400\n", 2 },                                   /* unknown département */
    { "D\t01\tAin\nC\t0100\tA\t01\t1\t01400\n", 2 },                                    /* code too short */
    { "D\t01\tAin\nC\t01001\tA\t01\t1\t1400\n", 2 },                                    /* postal code too short */
    { "D\t01\tAin\nC\t01001\tA\t01\tmany\t01400\n", 2 },                                /* population */
    { "D\t01\tAin\nC\t01001\tA\t01\t1\n", 2 },                                          /* five fields */
    { "D\t01\tAin\nC\t01001\t\t01\t1\t01400\n", 2 },                                    /* no name */
    { "D\t01\tAin\nC\t01002\tA\t01\t1\t\nC\t01001\tB\t01\t1\t\n", 3 },                  /* order */
    { "D\t01\tAin\nC\t01001\tA\t01\t1\t\nC\t01001\tB\t01\t1\t\n", 3 },                  /* twice */
    { "D\t01\nC\t01001\tA\t01\t1\t\n", 1 },                                             /* département without name */
    { "D\t01\tAin\nX\t01001\n", 2 },                                                    /* unknown record */
    { "D\t01\tAin\nC\t01001\tA\t01\t1\t\nA\t01002\t01003\n", 3 },                       /* former code of an unknown commune */
    { "D\t01\tAin\nC\t01001\tA\t01\t1\t\nA\t01001\t01001\n", 3 },                       /* former code that is current */
    { "D\t01\tAin\nC\t01001\tA\t01\t1\t\nA\t0100\t01001\n", 3 },                        /* former code too short */
    { "D\t01\tAin\nC\t01001\tA\t01\t1\t\nA\t01003\t01001\nA\t01002\t01001\n", 4 },      /* order */
    { "D\t01\tAin\nC\t01001\tA\t01\t1\t\nA\t01003\t01001\nC\t01004\tB\t01\t1\t\n", 4 }, /* commune after */
    { "D\t01\tAin\nC\t01001\tA\xff\t01\t1\t\n", 2 },                                    /* not UTF-8 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SillonCommunes) communes = sillon_communes_new_from_data (cases[i].text, strlen (cases[i].text), &error);
      g_autofree char *where = g_strdup_printf ("line %u:", cases[i].line);

      g_assert_null (communes);
      g_assert_error (error, SILLON_COMMUNES_ERROR, SILLON_COMMUNES_ERROR_INVALID_DATA);
      if (cases[i].line > 0)
        g_assert_nonnull (strstr (error->message, where));
    }

  {
    /* A NUL byte inside the given length. */
    static const char with_nul[] = "D\t01\tAin\n\0C\t01001\tA\t01\t1\t\n";
    g_autoptr (GError) error = NULL;
    g_autoptr (SillonCommunes) communes = sillon_communes_new_from_data (with_nul, sizeof with_nul - 1, &error);
    g_assert_null (communes);
    g_assert_error (error, SILLON_COMMUNES_ERROR, SILLON_COMMUNES_ERROR_INVALID_DATA);
  }
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/communes/default-list", test_default_list);
  g_test_add_func ("/communes/lookup", test_lookup);
  g_test_add_func ("/communes/former-codes", test_former_codes);
  g_test_add_func ("/communes/lookup-errors", test_lookup_errors);
  g_test_add_func ("/communes/normalize", test_normalize);
  g_test_add_func ("/communes/complete-by-name", test_complete_by_name);
  g_test_add_func ("/communes/complete-by-postal-code", test_complete_by_postal_code);
  g_test_add_func ("/communes/complete-empty-and-invalid", test_complete_empty_and_invalid);
  g_test_add_func ("/communes/describe-code", test_describe_code);
  g_test_add_func ("/communes/small-list", test_small_list);
  g_test_add_func ("/communes/invalid-data", test_invalid_data);
  return g_test_run ();
}
