/* test-store-search.c — search, duplicate detection and merge
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "test-store-util.h"

static void
test_fold (void)
{
  const struct
  {
    const char *in, *out;
  } cases[] = {
    { "Françoise", "francoise" },
    { "  ÉLODIE   Le Bœuf ", "elodie le boeuf" },
    { "Jean-Noël d'Aïgues", "jean noel d aigues" },
    { "Æsa Straße", "aesa strasse" },
    { "Łukasz Øberg", "lukasz oberg" },
    { "\"*) OR (", "or" },
    { "Иван", "иван" },
    { "", "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = sillon_store_fold (cases[i].in);

      g_assert_cmpstr (folded, ==, cases[i].out);
    }
  {
    g_autofree char *folded = sillon_store_fold (NULL);
    g_autofree char *invalid = sillon_store_fold ("ab\xff");

    g_assert_cmpstr (folded, ==, "");
    g_assert_cmpstr (invalid, ==, "");
  }
}

static void
populate (SillonStore *store)
{
  const char *people[][2] = {
    { "Françoise", "Dupont" },
    { "François", "Dupuis" },
    { "Élodie", "Martin" },
    { "Marc", "Dupond" },
    { "Anaïs", "Lefèvre" },
    { "Jérôme", "Lefebvre" },
    { "Noël", "Bœuf" },
    { "Mohamed", "Benali" },
    { "Zoé", "Martinez" },
    { "Hélène", "Garçon" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (people); i++)
    store_test_add_person (store, people[i][0], people[i][1], NULL, NULL);
  /* An anonymous person never matches a name. */
  store_test_add_person (store, NULL, NULL, NULL, NULL);
}

static GPtrArray *
search (StoreFixture *f, const char *query)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *found = sillon_store_search_beneficiaries (f->store, query, 20, &error);

  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found;
}

static gboolean
has (GPtrArray *found, const char *first, const char *last)
{
  for (guint i = 0; i < found->len; i++)
    {
      SillonBeneficiary *b = found->pdata[i];

      if (g_strcmp0 (b->first_name, first) == 0 && g_strcmp0 (b->last_name, last) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_search_accents_and_case (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) found = NULL;

  populate (f->store);

  found = search (f, "Francoise");
  g_assert_true (has (found, "Françoise", "Dupont"));
  g_assert_cmpstr (((SillonBeneficiary *) found->pdata[0])->first_name, ==, "Françoise");
  g_clear_pointer (&found, g_ptr_array_unref);

  found = search (f, "FRANÇ");
  g_assert_true (has (found, "Françoise", "Dupont"));
  g_assert_true (has (found, "François", "Dupuis"));
  g_clear_pointer (&found, g_ptr_array_unref);

  found = search (f, "elodie");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (has (found, "Élodie", "Martin"));
  g_clear_pointer (&found, g_ptr_array_unref);

  found = search (f, "boeuf");
  g_assert_true (has (found, "Noël", "Bœuf"));
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Every word is a prefix, in any order. */
  found = search (f, "dup fran");
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_true (has (found, "Françoise", "Dupont"));
  g_assert_true (has (found, "François", "Dupuis"));
  g_clear_pointer (&found, g_ptr_array_unref);

  found = search (f, "mart");
  g_assert_true (has (found, "Élodie", "Martin"));
  g_assert_true (has (found, "Zoé", "Martinez"));
  /* Prefix matches come in name order: Martin before Martinez. */
  g_assert_cmpstr (((SillonBeneficiary *) found->pdata[0])->last_name, ==, "Martin");
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Last names first, then first names; nobody twice. */
  store_test_add_person (f->store, "Paul", "Jean", NULL, NULL);
  store_test_add_person (f->store, "Jean", "Martin", NULL, NULL);
  store_test_add_person (f->store, "Jean", "Jean", NULL, NULL);
  found = search (f, "jean");
  g_assert_cmpuint (found->len, ==, 3);
  g_assert_cmpstr (((SillonBeneficiary *) found->pdata[0])->last_name, ==, "Jean");
  g_assert_cmpstr (((SillonBeneficiary *) found->pdata[1])->last_name, ==, "Jean");
  g_assert_cmpstr (((SillonBeneficiary *) found->pdata[2])->last_name, ==, "Martin");
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search (f, "j");
  g_assert_cmpuint (found->len, ==, 4); /* and Jérôme Lefebvre */
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Nothing searchable, or nobody. */
  found = search (f, "  -- ");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search (f, "Xylophone");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* FTS5 syntax in the query is text, not syntax. */
  found = search (f, "\"dup*\" OR NEAR(");
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_search_typos (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) found = NULL;

  populate (f->store);

  found = search (f, "Dupond");
  g_assert_true (has (found, "Marc", "Dupond"));
  g_assert_true (has (found, "Françoise", "Dupont"));
  /* The exact prefix match first. */
  g_assert_cmpstr (((SillonBeneficiary *) found->pdata[0])->last_name, ==, "Dupond");
  g_clear_pointer (&found, g_ptr_array_unref);

  found = search (f, "Lefevbre");
  g_assert_true (has (found, "Jérôme", "Lefebvre"));
  g_clear_pointer (&found, g_ptr_array_unref);

  found = search (f, "Benalli");
  g_assert_true (has (found, "Mohamed", "Benali"));
  g_clear_pointer (&found, g_ptr_array_unref);

  found = search (f, "Garcon helen");
  g_assert_true (has (found, "Hélène", "Garçon"));
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Too far from every name. */
  found = search (f, "Dubois");
  g_assert_false (has (found, "Françoise", "Dupont"));
  g_assert_false (has (found, "Marc", "Dupond"));
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Short words are not fuzzed: “Dup” is a prefix, nothing more. */
  found = search (f, "Dux");
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_search_follows_updates (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = NULL;
  gint64 id = store_test_add_person (f->store, "Agnès", "Varda", NULL, NULL);
  g_autoptr (SillonBeneficiary) b = sillon_store_get_beneficiary (f->store, id, &error);

  g_free (b->last_name);
  b->last_name = g_strdup ("Rohmer");
  g_assert_true (sillon_store_update_beneficiary (f->store, b, &error));
  found = search (f, "varda");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search (f, "rohm");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search (f, "Rohnmer");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);

  g_assert_true (sillon_store_delete_beneficiary (f->store, id, &error));
  found = search (f, "rohm");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search (f, "Rohnmer");
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_search_limit (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = NULL;

  g_assert_true (sillon_store_begin (f->store, &error));
  for (int i = 0; i < 120; i++)
    {
      g_autofree char *first = g_strdup_printf ("Prénom%d", i);

      store_test_add_person (f->store, first, "Durand", NULL, NULL);
    }
  g_assert_true (sillon_store_commit (f->store, &error));
  found = sillon_store_search_beneficiaries (f->store, "dur", 25, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 25);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = sillon_store_search_beneficiaries (f->store, "durnad", 10, &error);
  g_assert_cmpuint (found->len, ==, 10);
}

static void
expect_places (StoreFixture *f, const char *query, guint n, const char *first_nom)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = sillon_store_search_places (f->store, query, 10, &error);

  g_test_message ("places: “%s”", query);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, n);
  if (first_nom != NULL)
    g_assert_cmpstr (((SillonPlaceRecord *) found->pdata[0])->values[SILLON_PLACE_COL_NOM], ==, first_nom);
}

static void
test_search_places (StoreFixture *f, gconstpointer data)
{
  const struct
  {
    const char *nom, *commune, *cp, *insee, *service;
  } places[] = {
    { "Médiathèque Jules Verne", "Reims", "51100", "51454", "Aide aux démarches administratives" },
    { "France Services d’Épernay", "Épernay", "51200", "51230", "Maîtrise des outils numériques du quotidien" },
    { "Espace public numérique", "Châlons-en-Champagne", "51000", "51108", "Insertion professionnelle via le numérique" },
  };
  g_autoptr (GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (places); i++)
    {
      g_autoptr (SillonPlaceRecord) p = sillon_place_record_new ();
      const char *services[] = { places[i].service, NULL };

      sillon_place_record_set (p, SILLON_PLACE_COL_NOM, places[i].nom);
      sillon_place_record_set (p, SILLON_PLACE_COL_COMMUNE, places[i].commune);
      sillon_place_record_set (p, SILLON_PLACE_COL_CODE_POSTAL, places[i].cp);
      sillon_place_record_set (p, SILLON_PLACE_COL_CODE_INSEE, places[i].insee);
      sillon_place_record_set_multi (p, SILLON_PLACE_COL_SERVICES, services);
      g_assert_true (sillon_store_insert_place (f->store, p, &error));
      g_assert_no_error (error);
    }

  expect_places (f, "mediatheque", 1, "Médiathèque Jules Verne");
  expect_places (f, "epernay", 1, "France Services d’Épernay");
  expect_places (f, "chalons", 1, "Espace public numérique");
  expect_places (f, "5120", 1, "France Services d’Épernay");
  expect_places (f, "511", 2, NULL); /* 51100 and the INSEE code 51108 */
  expect_places (f, "51", 3, NULL);
  expect_places (f, "51230", 1, "France Services d’Épernay");
  expect_places (f, "demarches", 1, "Médiathèque Jules Verne");
  expect_places (f, "numerique insertion", 1, "Espace public numérique");
  expect_places (f, "reims demarches", 1, "Médiathèque Jules Verne");
  expect_places (f, "lyon", 0, NULL);
  expect_places (f, "", 0, NULL);
  /* All three match "51": by name, the structure's own place first. */
  expect_places (f, "51", 3, "Espace public numérique");
  {
    g_autoptr (GPtrArray) all = sillon_store_list_places (f->store, &error);
    SillonPlaceRecord *own = NULL;

    g_assert_no_error (error);
    for (guint i = 0; i < all->len; i++)
      if (g_strcmp0 (((SillonPlaceRecord *) all->pdata[i])->values[SILLON_PLACE_COL_NOM], "Médiathèque Jules Verne") == 0)
        own = all->pdata[i];
    g_assert_nonnull (own);
    own->own_structure = TRUE;
    g_assert_true (sillon_store_update_place (f->store, own, &error));
    g_assert_no_error (error);
  }
  expect_places (f, "51", 3, "Médiathèque Jules Verne");
}

/* A short prefix that matches more places than asked for returns the
 * limit, sorted by name, without ranking every match. */
static void
test_search_places_limit (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = NULL;

  g_assert_true (sillon_store_begin (f->store, &error));
  for (int i = 0; i < 120; i++)
    {
      g_autoptr (SillonPlaceRecord) p = sillon_place_record_new ();
      g_autofree char *nom = g_strdup_printf ("Médiathèque %03d", 119 - i);

      sillon_place_record_set (p, SILLON_PLACE_COL_NOM, nom);
      sillon_place_record_set (p, SILLON_PLACE_COL_COMMUNE, "Reims");
      g_assert_true (sillon_store_insert_place (f->store, p, &error));
    }
  g_assert_true (sillon_store_commit (f->store, &error));
  found = sillon_store_search_places (f->store, "m", 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 50);
  for (guint i = 1; i < found->len; i++)
    g_assert_cmpstr (((SillonPlaceRecord *) found->pdata[i - 1])->values[SILLON_PLACE_COL_NOM], <,
                     ((SillonPlaceRecord *) found->pdata[i])->values[SILLON_PLACE_COL_NOM]);
}

/* ── Duplicates ────────────────────────────────────────────────────────── */

static gboolean
lists (GPtrArray *dups, gint64 id)
{
  for (guint i = 0; i < dups->len; i++)
    if (((SillonDuplicate *) dups->pdata[i])->beneficiary_id == id)
      return TRUE;
  return FALSE;
}

static void
test_duplicates (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 francoise = store_test_add_person (f->store, "Françoise", "Dupont", "06 12 34 56 78", "fd@example.org");
  gint64 homonym = store_test_add_person (f->store, "Françoise", "Dupont", NULL, NULL);
  gint64 same_phone_other_name = store_test_add_person (f->store, "Karim", "Benali", "+33 6 12 34 56 78", NULL);
  gint64 same_email_close_name = store_test_add_person (f->store, "Francois", "Dupond", NULL, "FD@example.org ");
  gint64 stranger = store_test_add_person (f->store, "Zoé", "Martinez", "07 00 00 00 01", "zoe@example.org");
  g_autoptr (SillonBeneficiary) probe = sillon_beneficiary_new ();
  g_autoptr (GPtrArray) dups = NULL;

  /* A new record, not stored yet, typed without accents. */
  probe->first_name = g_strdup ("Francoise");
  probe->last_name = g_strdup ("DUPONT");
  dups = sillon_store_find_duplicates (f->store, probe, &error);
  g_assert_no_error (error);
  g_assert_true (lists (dups, francoise));
  g_assert_true (lists (dups, homonym));
  g_assert_true (lists (dups, same_email_close_name));  /* both names similar */
  g_assert_false (lists (dups, same_phone_other_name)); /* one signal only */
  g_assert_false (lists (dups, stranger));
  g_clear_pointer (&dups, g_ptr_array_unref);

  /* A stored record: itself excluded; phone and e-mail normalised. */
  {
    g_autoptr (SillonBeneficiary) b = sillon_store_get_beneficiary (f->store, francoise, &error);
    SillonDuplicate *best;

    dups = sillon_store_find_duplicates (f->store, b, &error);
    g_assert_no_error (error);
    g_assert_false (lists (dups, francoise));
    g_assert_true (lists (dups, homonym));
    g_assert_true (lists (dups, same_email_close_name));
    g_assert_false (lists (dups, same_phone_other_name)); /* phone alone */
    g_assert_false (lists (dups, stranger));
    best = dups->pdata[0];
    /* Similar names and the same e-mail: three signals, ranked first. */
    g_assert_cmpint (best->beneficiary_id, ==, same_email_close_name);
    g_assert_cmpuint (best->score, ==, 3);
    g_assert_true (best->email_equal);
    g_assert_false (best->phone_equal);
  }
  g_clear_pointer (&dups, g_ptr_array_unref);

  /* Phone plus a similar last name. */
  {
    g_autoptr (SillonBeneficiary) b = sillon_beneficiary_new ();

    b->last_name = g_strdup ("Benalli");
    b->phone = g_strdup ("0612345678");
    dups = sillon_store_find_duplicates (f->store, b, &error);
    g_assert_true (lists (dups, same_phone_other_name));
    g_assert_false (lists (dups, francoise)); /* the phone alone */
    g_clear_pointer (&dups, g_ptr_array_unref);
  }
}

static void
test_duplicates_false_positives (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) dups = NULL;
  g_autoptr (SillonBeneficiary) probe = sillon_beneficiary_new ();

  store_test_add_person (f->store, "Jean", "Martin", NULL, NULL);
  store_test_add_person (f->store, "Marie", "Martin", NULL, "marie@example.org");
  probe->first_name = g_strdup ("Paul");
  probe->last_name = g_strdup ("Martin");
  probe->email = g_strdup ("paul@example.org");
  dups = sillon_store_find_duplicates (f->store, probe, &error);
  g_assert_no_error (error);
  /* Same last name only: one signal, not a duplicate. */
  g_assert_cmpuint (dups->len, ==, 0);
}

/* ── Merge ─────────────────────────────────────────────────────────────── */

static void
test_merge (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 keep = store_test_add_person (f->store, "Françoise", "Dupont", NULL, NULL);
  gint64 drop = store_test_add_person (f->store, "Francoise", "Dupond", "0612345678", "fd@example.org");
  g_autoptr (SillonWorkshop) w = sillon_workshop_new ();
  const char *themes[] = { "email", NULL };
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (SillonBeneficiary) kept = NULL;
  g_autoptr (SillonConsent) c = sillon_consent_new ();
  g_autoptr (SillonReferral) r = sillon_referral_new ();
  g_autoptr (SillonParcours) p = sillon_parcours_new ();
  g_autoptr (SillonAssessmentRecord) a = sillon_assessment_record_new ();

  for (int i = 0; i < 3; i++)
    {
      g_autoptr (SillonSession) s = store_test_session (i == 0 ? keep : drop, "2025-03-01");

      g_assert_true (sillon_store_insert_session (f->store, s, &error));
    }
  w->title = g_strdup ("Atelier");
  w->themes = g_strdupv ((char **) themes);
  w->date = g_strdup ("2025-03-02");
  w->duration_minutes = 60;
  w->place_type = g_strdup ("lieu_activite");
  g_array_append_val (w->attendees, keep);
  g_array_append_val (w->attendees, drop);
  g_assert_true (sillon_store_insert_workshop (f->store, w, &error));
  c->beneficiary_id = drop;
  c->date = g_strdup ("2025-03-01");
  c->told = g_strdup ("informée");
  c->scope = g_strdup ("suivi");
  g_assert_true (sillon_store_insert_consent (f->store, c, &error));
  r->beneficiary_id = drop;
  r->date = g_strdup ("2025-03-01");
  g_assert_true (sillon_store_insert_referral (f->store, r, &error));
  p->beneficiary_id = drop;
  p->title = g_strdup ("Parcours");
  g_assert_true (sillon_store_insert_parcours (f->store, p, &error));
  a->beneficiary_id = drop;
  a->date = g_strdup ("2025-03-01");
  a->questionnaire_id = g_strdup ("pvs");
  a->questionnaire_version = 1;
  a->answers_json = g_strdup ("{}");
  a->result_json = g_strdup ("{}");
  g_assert_true (sillon_store_insert_assessment (f->store, a, &error));
  g_assert_no_error (error);

  g_assert_false (sillon_store_merge_beneficiaries (f->store, keep, keep, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sillon_store_merge_beneficiaries (f->store, keep, drop + 99, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (sillon_store_merge_beneficiaries (f->store, keep, drop, &error));
  g_assert_no_error (error);

  g_assert_null (sillon_store_get_beneficiary (f->store, drop, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  kept = sillon_store_get_beneficiary (f->store, keep, &error);
  g_assert_cmpstr (kept->last_name, ==, "Dupont"); /* the kept values win */
  g_assert_cmpstr (kept->phone, ==, "0612345678"); /* empty ones are filled */
  g_assert_cmpstr (kept->email, ==, "fd@example.org");

  list = sillon_store_list_sessions (f->store, keep, &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sillon_store_list_workshops_of (f->store, keep, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpuint (((SillonWorkshop *) list->pdata[0])->attendees->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sillon_store_list_consents (f->store, keep, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sillon_store_list_referrals (f->store, keep, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sillon_store_list_parcours (f->store, keep, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sillon_store_list_assessments (f->store, keep, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* The merged-away name no longer answers a search by its own spelling. */
  list = sillon_store_search_beneficiaries (f->store, "dupond", 10, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((SillonBeneficiary *) list->pdata[0])->id, ==, keep);
}

/* "First Last, First Last": the order of what was found. */
static char *
found_names (GPtrArray *found)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < found->len; i++)
    {
      SillonBeneficiary *b = found->pdata[i];

      g_string_append_printf (names, "%s%s %s", i > 0 ? ", " : "", b->first_name, b->last_name);
    }
  return g_string_free (names, FALSE);
}

static void
assert_found (StoreFixture *f, const char *query, const char *expected)
{
  g_autoptr (GPtrArray) found = search (f, query);
  g_autofree char *names = found_names (found);

  g_assert_cmpstr (names, ==, expected);
}

/* A last name starting with one word typed and a first name with another,
 * in either order, before people where the words start other words; whole
 * name words before their beginnings; then by name, then by age of record. */
static void
test_search_ranking (StoreFixture *f, gconstpointer data)
{
  const char *people[][2] = {
    /* Sorts first by name, but "dup" and "am" both start its last name. */
    { "Léa", "Amadou-Dupuy" },
    { "Amélie", "Dupont" },
    { "Amandine", "Dupré" },
    { "Jeanne", "Marchand" },
    { "Jean", "Martin" },
    { "Paul", "Jeannot" },
  };
  gint64 first_twin, second_twin;

  for (gsize i = 0; i < G_N_ELEMENTS (people); i++)
    store_test_add_person (f->store, people[i][0], people[i][1], NULL, NULL);

  /* Last name then first name, first name then last name. */
  assert_found (f, "dup am", "Amélie Dupont, Amandine Dupré, Léa Amadou-Dupuy");
  assert_found (f, "am dup", "Amélie Dupont, Amandine Dupré, Léa Amadou-Dupuy");
  assert_found (f, "amelie dup", "Amélie Dupont");
  assert_found (f, "Dupré Amandine", "Amandine Dupré");
  /* "jean" whole before "jeanne"; one word starts a last name first. */
  assert_found (f, "jean m", "Jean Martin, Jeanne Marchand");
  assert_found (f, "m jean", "Jean Martin, Jeanne Marchand");
  assert_found (f, "jean", "Paul Jeannot, Jean Martin, Jeanne Marchand");
  /* Equal matches: by name. */
  assert_found (f, "dup", "Amélie Dupont, Amandine Dupré, Léa Amadou-Dupuy");
  assert_found (f, "d a", "Amélie Dupont, Amandine Dupré, Léa Amadou-Dupuy");

  /* Namesakes: the older record first, as before. */
  first_twin = store_test_add_person (f->store, "Amélie", "Dupont", NULL, NULL);
  second_twin = store_test_add_person (f->store, "Amélie", "Dupont", NULL, NULL);
  g_assert_cmpint (first_twin, <, second_twin);
  {
    g_autoptr (GPtrArray) found = search (f, "dupont amelie");

    g_assert_cmpuint (found->len, ==, 3);
    g_assert_cmpint (((SillonBeneficiary *) found->pdata[1])->id, ==, first_twin);
    g_assert_cmpint (((SillonBeneficiary *) found->pdata[2])->id, ==, second_twin);
  }
}

static gint64
add_place (SillonStore *store, const char *nom)
{
  g_autoptr (SillonPlaceRecord) p = sillon_place_record_new ();
  g_autoptr (GError) error = NULL;

  sillon_place_record_set (p, SILLON_PLACE_COL_NOM, nom);
  sillon_place_record_set (p, SILLON_PLACE_COL_COMMUNE, "Reims");
  g_assert_true (sillon_store_insert_place (store, p, &error));
  g_assert_no_error (error);
  return p->id;
}

static gint64
add_workshop (SillonStore *store, int days, gint64 place_id, gint64 person, gint64 other)
{
  g_autoptr (SillonWorkshop) w = sillon_workshop_new ();
  g_autoptr (GError) error = NULL;
  const char *themes[] = { "securite_numerique", NULL };

  w->title = g_strdup ("Déjouer les arnaques");
  w->themes = g_strdupv ((char **) themes);
  w->date = store_test_date (days);
  w->duration_minutes = 90;
  w->place_type = g_strdup ("lieu_activite");
  w->place_id = place_id;
  g_array_append_val (w->attendees, person);
  if (other != 0)
    g_array_append_val (w->attendees, other);
  g_assert_true (sillon_store_insert_workshop (store, w, &error));
  g_assert_no_error (error);
  return w->id;
}

/* A parcours for @person with one step planned on @date. */
static void
add_step (SillonStore *store, gint64 person, const char *date, gboolean done)
{
  g_autoptr (SillonParcours) p = sillon_parcours_new ();
  SillonParcoursItem *item = sillon_parcours_item_new ();
  g_autoptr (GError) error = NULL;

  p->beneficiary_id = person;
  p->title = g_strdup ("Démarches en ligne");
  item->planned_date = g_strdup (date);
  item->label = g_strdup ("Créer son compte Ameli");
  item->done = done;
  g_ptr_array_add (p->items, item);
  g_assert_true (sillon_store_insert_parcours (store, p, &error));
  g_assert_no_error (error);
}

static char *
search_favouring (StoreFixture *f, const char *query, const SillonSearchFavour *favour)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = sillon_store_search_beneficiaries_favouring (f->store, query, favour, 20, &error);

  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found_names (found);
}

/* The people who came to a workshop lately, at this place first, come
 * before the others among equal matches, never before a better match. */
static void
test_search_favour (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonSearchFavour) here = NULL;
  g_autoptr (SillonSearchFavour) anywhere = NULL;
  g_autoptr (SillonSearchFavour) from_there = NULL;
  g_autofree char *today = store_test_date (0);
  g_autofree char *names = NULL;
  gint64 mediatheque = add_place (f->store, "Médiathèque");
  gint64 mairie = add_place (f->store, "Mairie annexe");
  gint64 patrick = store_test_add_person (f->store, "Patrick", "Durand", NULL, NULL);
  gint64 paul = store_test_add_person (f->store, "Paul", "Durand", NULL, NULL);
  gint64 philippe = store_test_add_person (f->store, "Philippe", "Durand", NULL, NULL);
  gint64 pierre = store_test_add_person (f->store, "Pierre", "Durand", NULL, NULL);
  gint64 jeanne = store_test_add_person (f->store, "Jeanne", "Durand", NULL, NULL);
  gint64 jean = store_test_add_person (f->store, "Jean", "Durand", NULL, NULL);
  gint64 patricia = store_test_add_person (f->store, "Patricia", "Durandeau", NULL, NULL);
  gint64 pascal = store_test_add_person (f->store, "Pascal", "Durand", NULL, NULL);
  gint64 at_mediatheque;

  /* Paul and Jeanne came to the médiathèque two weeks ago (Patricia ten
   * days ago), Pascal to the town hall a month ago, Pierre to the
   * town hall last week, Philippe to the médiathèque half a year ago, and
   * Patrick comes to the one planned next week. */
  at_mediatheque = add_workshop (f->store, -14, mediatheque, paul, jeanne);
  add_workshop (f->store, -7, mairie, pierre, 0);
  add_workshop (f->store, -10, mediatheque, patricia, 0);
  add_workshop (f->store, -30, mairie, pascal, 0);
  add_workshop (f->store, -180, mediatheque, philippe, 0);
  add_workshop (f->store, 7, mediatheque, patrick, 0);
  /* Jean has a step of his parcours planned today; Patrick had one, done. */
  add_step (f->store, jean, today, FALSE);
  add_step (f->store, patrick, today, TRUE);

  here = sillon_store_favour_recent_attendees (f->store, 0, today, mediatheque, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sillon_search_favour_get_size (here), ==, 6);
  anywhere = sillon_store_favour_recent_attendees (f->store, 0, today, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sillon_search_favour_get_size (anywhere), ==, 6);

  names = search_favouring (f, "durand p", NULL);
  g_assert_cmpstr (names, ==,
                   "Pascal Durand, Patrick Durand, Paul Durand, Philippe Durand, Pierre Durand, Patricia Durandeau");
  g_clear_pointer (&names, g_free);
  /* At the médiathèque: Paul (came there), Pierre (came elsewhere these
   * two weeks), Pascal (elsewhere, before). */
  names = search_favouring (f, "durand p", here);
  g_assert_cmpstr (names, ==,
                   "Paul Durand, Pierre Durand, Pascal Durand, Patrick Durand, Philippe Durand, Patricia Durandeau");
  g_clear_pointer (&names, g_free);
  /* No place: those of the last two weeks by name, then Pascal. */
  names = search_favouring (f, "p durand", anywhere);
  g_assert_cmpstr (names, ==,
                   "Paul Durand, Pierre Durand, Pascal Durand, Patrick Durand, Philippe Durand, Patricia Durandeau");
  g_clear_pointer (&names, g_free);
  /* The step planned today before the people who came lately. */
  names = search_favouring (f, "durand j", here);
  g_assert_cmpstr (names, ==, "Jean Durand, Jeanne Durand");
  g_clear_pointer (&names, g_free);
  /* A whole name typed comes before a regular with a longer one. */
  names = search_favouring (f, "durand pa", here);
  g_assert_cmpstr (names, ==, "Paul Durand, Pascal Durand, Patrick Durand, Patricia Durandeau");
  g_clear_pointer (&names, g_free);
  names = search_favouring (f, "durand jean", NULL);
  g_assert_cmpstr (names, ==, "Jean Durand, Jeanne Durand");
  g_clear_pointer (&names, g_free);

  /* The workshop itself does not count: from the médiathèque's workshop
   * two weeks ago, Paul and Jeanne are not favoured for having come; only
   * Pascal had come before it. */
  {
    g_autofree char *then = store_test_date (-14);

    from_there = sillon_store_favour_recent_attendees (f->store, at_mediatheque, then, mediatheque, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (sillon_search_favour_get_size (from_there), ==, 1);
    names = search_favouring (f, "durand", from_there);
    g_assert_cmpstr (names, ==,
                     "Pascal Durand, Jean Durand, Jeanne Durand, Patrick Durand, Paul Durand, Philippe Durand, "
                     "Pierre Durand, Patricia Durandeau");
    g_clear_pointer (&names, g_free);
  }
  /* Ten days ago, Patricia and Pascal had come lately: with one row
   * asked for, the better match not favoured still wins it. */
  {
    g_autofree char *then = store_test_date (-10);
    g_autoptr (SillonSearchFavour) then_favour = sillon_store_favour_recent_attendees (f->store, at_mediatheque, then,
                                                                                       0, &error);
    g_autoptr (GPtrArray) found = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (sillon_search_favour_get_size (then_favour), ==, 2);
    found = sillon_store_search_beneficiaries_favouring (f->store, "durand pat", then_favour, 1, &error);
    g_assert_no_error (error);
    names = found_names (found);
    g_assert_cmpstr (names, ==, "Patrick Durand");
  }
}

/* A date that is not one is refused; a store that cannot read fails the
 * search with and without people favoured alike. */
static void
test_search_favour_errors (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonSearchFavour) favour = NULL;
  g_autoptr (GPtrArray) found = NULL;

  populate (f->store);
  favour = sillon_store_favour_recent_attendees (f->store, 0, "2026-13-45", 0, &error);
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
  g_assert_null (favour);
  g_clear_error (&error);
  favour = sillon_store_favour_recent_attendees (f->store, 0, NULL, 0, &error);
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
  g_assert_null (favour);
  g_clear_error (&error);

  favour = sillon_store_favour_recent_attendees (f->store, 0, "2026-12-07", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (f->db, "DROP TABLE beneficiary_fts", NULL, NULL, NULL), ==, SQLITE_OK);
  found = sillon_store_search_beneficiaries (f->store, "francoise dupont", 20, &error);
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_SQL);
  g_assert_null (found);
  g_clear_error (&error);
  found = sillon_store_search_beneficiaries_favouring (f->store, "francoise dupont", favour, 20, &error);
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_SQL);
  g_assert_null (found);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/search/fold", test_fold);
#define ADD(path, func) g_test_add (path, StoreFixture, NULL, store_fixture_setup, func, store_fixture_teardown)
  ADD ("/store/search/accents-case", test_search_accents_and_case);
  ADD ("/store/search/typos", test_search_typos);
  ADD ("/store/search/updates", test_search_follows_updates);
  ADD ("/store/search/limit", test_search_limit);
  ADD ("/store/search/ranking", test_search_ranking);
  ADD ("/store/search/favour", test_search_favour);
  ADD ("/store/search/favour-errors", test_search_favour_errors);
  ADD ("/store/search/places", test_search_places);
  ADD ("/store/search/places-limit", test_search_places_limit);
  ADD ("/store/duplicates/signals", test_duplicates);
  ADD ("/store/duplicates/false-positives", test_duplicates_false_positives);
  ADD ("/store/merge", test_merge);
#undef ADD
  return g_test_run ();
}
