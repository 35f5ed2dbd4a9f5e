/* test-store-vault.c — the store on a real encrypted vault: erasure leaves
 * nothing in the decrypted pages, and nothing readable in the files
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "sillon-assessment.h"
#include "sillon-journal.h"
#include "sillon-vault.h"
#include "test-dir-util.h"
#include "test-store-util.h"
#include "test-vault-util.h"

#define PASSPHRASE "correct horse battery staple"

static const char *const markers[] = {
  "Quenouillard",
  "quenouillard",
  "MARKER-NOTE-7f3a",
  "MARKER-SESSION-1c9d",
  "MARKER-REFERRAL-44e0",
  "zephyrine@marker.example",
};

static gboolean
contains (const guint8 *data, gsize length, const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* Reads every page of the main database through the vault's own file
 * handle, i.e. decrypted, as an attacker holding the key would see them,
 * and counts the markers found. */
static guint
strings_in_decrypted_pages (sqlite3 *db, const char *const *needles, gsize n_needles)
{
  sqlite3_file *file = NULL;
  int page_size = store_test_query_int (db, "PRAGMA page_size");
  int page_count = store_test_query_int (db, "PRAGMA page_count");
  g_autofree guint8 *page = g_malloc (page_size);
  g_autofree gboolean *seen = g_new0 (gboolean, n_needles);
  guint found = 0;

  g_assert_cmpint (sqlite3_file_control (db, "main", SQLITE_FCNTL_FILE_POINTER, &file), ==, SQLITE_OK);
  g_assert_nonnull (file);
  for (int i = 0; i < page_count; i++)
    {
      g_assert_cmpint (file->pMethods->xRead (file, page, page_size, (sqlite3_int64) i * page_size), ==, SQLITE_OK);
      for (gsize m = 0; m < n_needles; m++)
        seen[m] |= contains (page, page_size, needles[m]);
    }
  for (gsize m = 0; m < n_needles; m++)
    if (seen[m])
      {
        g_test_message ("marker “%s” is in a decrypted page", needles[m]);
        found++;
      }
  return found;
}

static guint
markers_in_decrypted_pages (sqlite3 *db)
{
  return strings_in_decrypted_pages (db, markers, G_N_ELEMENTS (markers));
}

static guint
markers_in_files (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint found = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;
      for (gsize m = 0; m < G_N_ELEMENTS (markers); m++)
        if (contains ((const guint8 *) contents, length, markers[m]))
          {
            g_test_message ("marker “%s” is readable in %s", markers[m], name);
            found++;
          }
    }
  return found;
}

/* A new vault at @path whose store holds 200 other people, so that the
 * people under test share their pages with others, as in real use. */
static SillonStore *
new_populated_store (const char *path, SillonVault **out_vault)
{
  g_autoptr (GError) error = NULL;
  SillonStore *store;

  *out_vault = vault_test_create (path, "Camille", PASSPHRASE, 0);
  store = sillon_store_new_with_vocabulary (sillon_vault_get_db (*out_vault), store_test_vocabulary (), &error);
  g_assert_no_error (error);
  g_assert_true (sillon_store_begin (store, &error));
  for (int i = 0; i < 200; i++)
    {
      g_autofree char *first = g_strdup_printf ("Voisin%d", i);

      store_test_add_person (store, first, "Durand", NULL, NULL);
    }
  g_assert_true (sillon_store_commit (store, &error));
  return store;
}

static gint64
add_marked_person (SillonStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonBeneficiary) b = sillon_beneficiary_new ();
  g_autoptr (SillonSession) s = NULL;
  g_autoptr (SillonReferral) r = sillon_referral_new ();

  b->first_name = g_strdup ("Zéphyrine");
  b->last_name = g_strdup ("Quenouillard");
  b->email = g_strdup ("zephyrine@marker.example");
  b->notes = g_strdup ("MARKER-NOTE-7f3a");
  g_assert_true (sillon_store_insert_beneficiary (store, b, &error));
  g_assert_no_error (error);
  s = store_test_session (b->id, "2025-06-02");
  s->notes = g_strdup ("MARKER-SESSION-1c9d");
  g_assert_true (sillon_store_insert_session (store, s, &error));
  r->beneficiary_id = b->id;
  r->date = g_strdup ("2025-06-02");
  r->reason = g_strdup ("MARKER-REFERRAL-44e0");
  g_assert_true (sillon_store_insert_referral (store, r, &error));
  g_assert_no_error (error);
  return b->id;
}

static void
test_erase_in_vault (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ("sillon-store-vault-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "vault.sillon", NULL);
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (SillonStore) store = NULL;
  gint64 person;
  guint8 journal_key[SILLON_JOURNAL_KEY_BYTES] = { 7 };
  g_autofree char *details = NULL;

  store = new_populated_store (path, &vault);
  person = add_marked_person (store);
  g_assert_cmpint (sqlite3_wal_checkpoint_v2 (sillon_vault_get_db (vault), NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL), ==, SQLITE_OK);

  /* Control: the markers are in the decrypted pages, never in the files. */
  g_assert_cmpuint (markers_in_decrypted_pages (sillon_vault_get_db (vault)), ==, G_N_ELEMENTS (markers));
  g_assert_cmpuint (markers_in_files (dir), ==, 0);

  g_assert_true (sillon_store_erase_beneficiary (store, person, &error));
  g_assert_no_error (error);
  details = g_strdup_printf ("beneficiary=%" G_GINT64_FORMAT, person);
  g_assert_true (sillon_journal_append (store, journal_key, SILLON_JOURNAL_ERASE, 0, details, NULL, &error));
  g_assert_cmpint (sqlite3_wal_checkpoint_v2 (sillon_vault_get_db (vault), NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL), ==, SQLITE_OK);

  g_assert_cmpuint (markers_in_decrypted_pages (sillon_vault_get_db (vault)), ==, 0);
  g_assert_cmpuint (markers_in_files (dir), ==, 0);
  g_assert_cmpint (sillon_store_count_beneficiaries (store, &error), ==, 200);

  /* The vault reopens with the data and the journal intact. */
  g_clear_pointer (&store, sillon_store_free);
  sillon_vault_lock (vault);
  g_clear_object (&vault);
  vault = sillon_vault_open (path, PASSPHRASE, &error);
  g_assert_no_error (error);
  store = sillon_store_new_with_vocabulary (sillon_vault_get_db (vault), store_test_vocabulary (), &error);
  g_assert_no_error (error);
  g_assert_cmpint (sillon_store_count_beneficiaries (store, &error), ==, 200);
  g_assert_true (sillon_journal_verify (store, journal_key, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (markers_in_decrypted_pages (sillon_vault_get_db (vault)), ==, 0);

  g_clear_pointer (&store, sillon_store_free);
  sillon_vault_lock (vault);
  g_clear_object (&vault);
  test_remove_tree (dir);
}

/* Merging erases the dropped record as erasure does: once merged, the
 * dropped person's names are nowhere in the decrypted pages, neither in the
 * full-text index nor in a free page, without any checkpoint of our own. */
static void
test_merge_in_vault (void)
{
  static const char *const dropped_names[] = {
    "Quenouillard",
    "quenouillard",
    "Zéphyrine",
    "zephyrine",
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ("sillon-store-vault-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "vault.sillon", NULL);
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (SillonStore) store = NULL;
  g_autoptr (SillonBeneficiary) kept = NULL;
  g_autoptr (GPtrArray) found = NULL;
  gint64 keep, drop;
  sqlite3 *db;

  store = new_populated_store (path, &vault);
  db = sillon_vault_get_db (vault);
  keep = store_test_add_person (store, "Armelle", "Bonnefoy", "0612345678", "armelle@example.org");
  drop = add_marked_person (store);
  g_assert_cmpint (sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL), ==, SQLITE_OK);
  /* Control: the dropped names are there before the merge. */
  g_assert_cmpuint (strings_in_decrypted_pages (db, dropped_names, G_N_ELEMENTS (dropped_names)), ==,
                    G_N_ELEMENTS (dropped_names));

  g_assert_true (sillon_store_merge_beneficiaries (store, keep, drop, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (strings_in_decrypted_pages (db, dropped_names, G_N_ELEMENTS (dropped_names)), ==, 0);
  /* What the merge keeps on purpose is still there: the kept names and the
   * dropped record's notes, which were joined to the kept one's. */
  kept = sillon_store_get_beneficiary (store, keep, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept->last_name, ==, "Bonnefoy");
  g_assert_cmpstr (kept->notes, ==, "MARKER-NOTE-7f3a");
  found = sillon_store_search_beneficiaries (store, "Bonnefoy", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = sillon_store_search_beneficiaries (store, "Quenouillard", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);

  g_clear_pointer (&store, sillon_store_free);
  sillon_vault_lock (vault);
  g_clear_object (&vault);
  test_remove_tree (dir);
}

/* After the store has been used (its full-text index keeps statements of
 * its own prepared on the connection) and the vault locked, the vault file
 * alone holds everything: the WAL was checkpointed, so a copy of that one
 * file, as a mediator would back it up, loses nothing. */
/* An unlock is journaled under the mediator of the keyslot used, and the
 * chain verifies with the key derived again from the vault; a key derived
 * from another vault does not verify it. */
static void
test_journal_records_open (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ("sillon-store-vault-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "vault.sillon", NULL);
  g_autofree char *other_path = g_build_filename (dir, "other.sillon", NULL);
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (SillonVault) other = NULL;
  g_autoptr (SillonStore) store = NULL;
  g_autoptr (SillonMediator) camille = sillon_mediator_new ();
  g_autoptr (GPtrArray) entries = NULL;
  guint8 *key = NULL;
  guint8 *other_key = NULL;
  guint64 n = 0;
  gint64 bad = 0;
  gint64 recorded_mediator = 0;

  vault = vault_test_create (path, "Camille", PASSPHRASE, 0);
  other = vault_test_create (other_path, "Dominique", PASSPHRASE, 0);
  store = sillon_store_new_with_vocabulary (sillon_vault_get_db (vault), store_test_vocabulary (), &error);
  g_assert_no_error (error);
  camille->display_name = g_strdup ("Camille");
  camille->vault_slot = (int) sillon_vault_get_unlocked_slot (vault);
  g_assert_true (sillon_store_insert_mediator (store, camille, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sillon_journal_mediator_of_slot (store, sillon_vault_get_unlocked_slot (vault)), ==, camille->id);
  g_assert_cmpint (sillon_journal_mediator_of_slot (store, 5), ==, 0);

  key = sillon_journal_derive_key (vault, &error);
  g_assert_no_error (error);
  g_assert_true (sillon_journal_record_open (vault, store, key, "app", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sillon_journal_record_open (vault, store, key, "cli", &recorded_mediator, &error));
  g_assert_no_error (error);
  g_assert_cmpint (recorded_mediator, ==, camille->id);

  entries = sillon_journal_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  for (guint i = 0; i < entries->len; i++)
    {
      const SillonJournalEntry *e = g_ptr_array_index (entries, i);
      g_autofree char *expected = g_strdup_printf ("{\"slot\":%u,\"via\":\"%s\"}",
                                                   sillon_vault_get_unlocked_slot (vault), i == 0 ? "app" : "cli");

      g_assert_cmpint (e->action, ==, SILLON_JOURNAL_OPEN);
      g_assert_cmpint (e->mediator_id, ==, camille->id);
      g_assert_cmpstr (e->details, ==, expected);
    }

  /* The key derived again from the vault verifies the chain. */
  sodium_free (key);
  key = sillon_journal_derive_key (vault, &error);
  g_assert_no_error (error);
  g_assert_true (sillon_journal_verify (store, key, &bad, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  other_key = sillon_journal_derive_key (other, &error);
  g_assert_no_error (error);
  g_assert_false (sillon_journal_verify (store, other_key, &bad, &n, NULL, &error));
  g_assert_error (error, SILLON_JOURNAL_ERROR, SILLON_JOURNAL_ERROR_TAMPERED);
  sodium_free (key);
  sodium_free (other_key);

  g_clear_pointer (&store, sillon_store_free);
  sillon_vault_lock (vault);
  sillon_vault_lock (other);
  g_unlink (path);
  g_unlink (other_path);
  g_rmdir (dir);
}

static void
test_lock_leaves_complete_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ("sillon-store-vault-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "vault.sillon", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *copy_dir = g_build_filename (dir, "copy", NULL);
  g_autofree char *copy = g_build_filename (copy_dir, "vault.sillon", NULL);
  g_autofree char *bytes = NULL;
  gsize length = 0;
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (SillonStore) store = NULL;
  GStatBuf st;

  vault = vault_test_create (path, "Camille", PASSPHRASE, 0);
  store = sillon_store_new_with_vocabulary (sillon_vault_get_db (vault), store_test_vocabulary (), &error);
  g_assert_no_error (error);
  for (int i = 0; i < 50; i++)
    {
      g_autofree char *first = g_strdup_printf ("Personne%d", i);

      store_test_add_person (store, first, "Martin", NULL, NULL);
    }
  /* A search prepares the full-text index's own statements. */
  {
    g_autoptr (GPtrArray) found = sillon_store_search_beneficiaries (store, "Mart", 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, >, 0);
  }
  g_assert_nonnull (sqlite3_next_stmt (sillon_vault_get_db (vault), NULL));
  g_clear_pointer (&store, sillon_store_free);
  sillon_vault_lock (vault);
  g_clear_object (&vault);

  g_assert_true (g_stat (wal, &st) != 0 || st.st_size == 0);
  g_assert_cmpint (g_mkdir (copy_dir, 0700), ==, 0);
  g_assert_true (g_file_get_contents (path, &bytes, &length, &error));
  g_assert_true (g_file_set_contents (copy, bytes, length, &error));
  vault = sillon_vault_open (copy, PASSPHRASE, &error);
  g_assert_no_error (error);
  store = sillon_store_new_with_vocabulary (sillon_vault_get_db (vault), store_test_vocabulary (), &error);
  g_assert_no_error (error);
  g_assert_cmpint (sillon_store_count_beneficiaries (store, &error), ==, 50);
  g_clear_pointer (&store, sillon_store_free);
  sillon_vault_lock (vault);

  for (const char *const *name = (const char *const[]){ copy, path, wal, NULL }; *name != NULL; name++)
    g_unlink (*name);
  {
    g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
    g_unlink (copy_wal);
  }
  g_rmdir (copy_dir);
  g_rmdir (dir);
}

/* ── Retention ─────────────────────────────────────────────────────────── */

/* One marker per column in which a mediator types something about a
 * person; retention must leave none of them in any page. */
static const char *const retention_markers[] = {
  "Quenouillard",
  "quenouillard",
  "Zephyrine-first",
  "0698765432",
  "zephyrine@marker.example",
  "MARKER-NOTE-7f3a",
  "MARKER-SESSION-1c9d",
  "MARKER-PROCEDURE-a1b2",
  "MARKER-REFERRAL-44e0",
  "MARKER-DONE-9911",
  "MARKER-DOCS-5b5b",
  "MARKER-CONSENT-2d2d",
  "MARKER-SCOPE-0e0e",
  "MARKER-TITLE-5d5d",
  "MARKER-GOAL-8c8c",
  "MARKER-STEP-3e3e",
  "MARKER-OVERRIDE-4a4a",
  "MARKER-ANSWERS-REASON-1f1f",
  "MARKER-RESULT-REASON-2e2e",
  "MARKER-ORIENTATION-REASON-6c6c",
  "MARKER-OVERRIDE-JSON-7b7b",
  "MARKER-REAL-REASON-9a9a",
};

static gint64
add_fully_marked_person (SillonStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonBeneficiary) b = sillon_beneficiary_new ();
  g_autoptr (SillonSession) s = NULL;
  g_autoptr (SillonReferral) r = sillon_referral_new ();
  g_autoptr (SillonConsent) c = sillon_consent_new ();
  g_autoptr (SillonParcours) p = sillon_parcours_new ();
  g_autoptr (SillonParcoursItem) item = sillon_parcours_item_new ();
  g_autoptr (SillonAssessmentRecord) a = sillon_assessment_record_new ();

  b->first_name = g_strdup ("Zephyrine-first");
  b->last_name = g_strdup ("Quenouillard");
  b->birth_year = 1961;
  b->phone = g_strdup ("0698765432");
  b->email = g_strdup ("zephyrine@marker.example");
  b->notes = g_strdup ("MARKER-NOTE-7f3a");
  g_assert_true (sillon_store_insert_beneficiary (store, b, &error));
  g_assert_no_error (error);

  s = store_test_session (b->id, "2024-03-01");
  g_strfreev (s->themes);
  s->themes = g_strdupv ((char **) (const char *[]){ "aide_aux_demarches_administratives", NULL });
  s->admin_themes = g_strdupv ((char **) (const char *[]){ "logement", NULL });
  s->notes = g_strdup ("MARKER-SESSION-1c9d");
  s->admin_detail = g_strdup ("MARKER-PROCEDURE-a1b2");
  g_assert_true (sillon_store_insert_session (store, s, &error));
  g_assert_no_error (error);

  r->beneficiary_id = b->id;
  r->date = g_strdup ("2024-03-01");
  r->reason = g_strdup ("MARKER-REFERRAL-44e0");
  r->already_done = g_strdup ("MARKER-DONE-9911");
  r->documents = g_strdup ("MARKER-DOCS-5b5b");
  g_assert_true (sillon_store_insert_referral (store, r, &error));
  g_assert_no_error (error);

  c->beneficiary_id = b->id;
  c->date = g_strdup ("2024-03-01");
  c->told = g_strdup ("MARKER-CONSENT-2d2d");
  c->scope = g_strdup ("MARKER-SCOPE-0e0e");
  g_assert_true (sillon_store_insert_consent (store, c, &error));
  g_assert_no_error (error);

  p->beneficiary_id = b->id;
  p->title = g_strdup ("MARKER-TITLE-5d5d");
  p->goal = g_strdup ("MARKER-GOAL-8c8c");
  item->label = g_strdup ("MARKER-STEP-3e3e");
  item->planned_date = g_strdup ("2024-04-01");
  g_ptr_array_add (p->items, g_steal_pointer (&item));
  g_assert_true (sillon_store_insert_parcours (store, p, &error));
  g_assert_no_error (error);

  /* The shapes the assessment wizard stores: the reason typed for an
   * override is repeated in the answers, the result and the override. */
  a->beneficiary_id = b->id;
  a->date = g_strdup ("2024-03-01");
  a->questionnaire_id = g_strdup ("pouvoir-vouloir-savoir");
  a->questionnaire_version = 1;
  a->answers_json = g_strdup ("{\"answers\": {\"q1\": 2},"
                              " \"overrides\": {\"degree\": {\"value\": \"eloigne\", \"reason\": \"MARKER-ANSWERS-REASON-1f1f\", \"by\": \"Karim\"},"
                              " \"orientations\": [{\"action\": \"add\", \"id\": \"atelier\", \"reason\": \"MARKER-ORIENTATION-REASON-6c6c\"}]}}");
  a->result_json = g_strdup ("{\"degree\": {\"id\": \"eloigne\", \"overridden\": true, \"reason\": \"MARKER-RESULT-REASON-2e2e\"},"
                             " \"orientations\": [{\"id\": \"atelier\", \"override\": {\"reason\": \"MARKER-ORIENTATION-REASON-6c6c\"}}],"
                             " \"dismissed\": [{\"id\": \"x\", \"reason\": \"MARKER-ORIENTATION-REASON-6c6c\"}]}");
  a->override_json = g_strdup ("{\"degree\": {\"value\": \"eloigne\", \"reason\": \"MARKER-OVERRIDE-JSON-7b7b\"}}");
  a->override_reason = g_strdup ("MARKER-OVERRIDE-4a4a");
  g_assert_true (sillon_store_insert_assessment (store, a, &error));
  g_assert_no_error (error);
  return b->id;
}

/* An answer set as the wizard saves it, with overrides and their reasons:
 * it must load before and after retention. */
static void
add_real_answer_set (SillonStore *store, gint64 person)
{
  g_autoptr (SillonAssessmentRecord) real = sillon_assessment_record_new ();
  g_autoptr (SillonQuestionnaireRegistry) registry = sillon_questionnaire_registry_new_default ();
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (SillonAssessment) loaded = NULL;
  g_autoptr (GError) error = NULL;
  const char *answers = "{\"format\": \"sillon-answers\", \"questionnaire_version\": 1, \"date\": \"2024-03-02\","
                        " \"answers\": {\"savoir.web.search\": 1},"
                        " \"overrides\": {\"degree\": {\"value\": \"eloigne\", \"reason\": \"MARKER-REAL-REASON-9a9a\"},"
                        " \"orientations\": [{\"action\": \"add\", \"id\": \"trust_workshop\","
                        " \"reason\": \"MARKER-REAL-REASON-9a9a\"}]}}";

  bytes = g_bytes_new (answers, strlen (answers));
  loaded = sillon_assessment_new_from_bytes (bytes, registry, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  real->beneficiary_id = person;
  real->date = g_strdup ("2024-03-02");
  real->questionnaire_id = g_strdup ("pouvoir-vouloir-savoir");
  real->questionnaire_version = 1;
  real->answers_json = g_strdup (answers);
  real->result_json = g_strdup ("{}");
  real->override_json = g_strdup ("{\"degree\": {\"value\": \"eloigne\", \"reason\": \"MARKER-REAL-REASON-9a9a\"}}");
  real->override_reason = g_strdup ("MARKER-REAL-REASON-9a9a");
  g_assert_true (sillon_store_insert_assessment (store, real, &error));
  g_assert_no_error (error);
}

static void
test_retention_in_vault (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ("sillon-store-vault-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "vault.sillon", NULL);
  g_autoptr (GDateTime) now = g_date_time_new_utc (2026, 6, 15, 12, 0, 0);
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (SillonStore) store = NULL;
  g_autoptr (GPtrArray) sessions = NULL;
  g_autoptr (GPtrArray) assessments = NULL;
  g_autoptr (GPtrArray) parcours = NULL;
  g_autoptr (SillonBeneficiary) b = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  gint64 person;
  guint n = 0;

  vault = vault_test_create (path, "Camille", PASSPHRASE, 0);
  db = sillon_vault_get_db (vault);
  store = sillon_store_new_with_vocabulary (db, store_test_vocabulary (), &error);
  g_assert_no_error (error);
  g_assert_true (sillon_store_begin (store, &error));
  for (int i = 0; i < 100; i++)
    {
      g_autofree char *first = g_strdup_printf ("Voisin%d", i);

      store_test_add_person (store, first, "Durand", NULL, NULL);
    }
  g_assert_true (sillon_store_commit (store, &error));
  person = add_fully_marked_person (store);
  add_real_answer_set (store, person);
  /* Untouched for two years. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE beneficiaries SET updated_unix = ?1, created_unix = ?1 WHERE id = ?2", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, g_date_time_to_unix (now) - 2 * 365 * 86400);
  sqlite3_bind_int64 (stmt, 2, person);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL), ==, SQLITE_OK);

  /* Control: every marker is really written, so the scan below can fail. */
  g_assert_cmpuint (strings_in_decrypted_pages (db, retention_markers, G_N_ELEMENTS (retention_markers)), ==,
                    G_N_ELEMENTS (retention_markers));

  g_assert_true (sillon_store_apply_retention (store, 12, now, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpuint (strings_in_decrypted_pages (db, retention_markers, G_N_ELEMENTS (retention_markers)), ==, 0);

  /* What statistics need is still there. */
  b = sillon_store_get_beneficiary (store, person, &error);
  g_assert_no_error (error);
  g_assert_true (b->anonymised);
  g_assert_cmpint (b->birth_year, ==, 1961);
  sessions = sillon_store_list_sessions (store, person, &error);
  g_assert_cmpuint (sessions->len, ==, 1);
  assessments = sillon_store_list_assessments (store, person, &error);
  g_assert_cmpuint (assessments->len, ==, 2);
  {
    SillonAssessmentRecord *a = assessments->pdata[0];

    /* The override is kept (it made the result), its reason is not. */
    g_assert_nonnull (a->override_json);
    g_assert_nonnull (strstr (a->override_json, "eloigne"));
    g_assert_nonnull (strstr (a->result_json, "\"overridden\":true"));
    g_assert_nonnull (strstr (a->answers_json, "\"q1\":2"));
    g_assert_cmpstr (a->override_reason, ==, "-");
  }
  /* A real answer set with overrides still loads once its reasons are gone:
   * a path or a comparison reads it again. */
  {
    g_autoptr (GPtrArray) after = sillon_store_list_assessments (store, person, &error);
    g_autoptr (SillonQuestionnaireRegistry) registry = sillon_questionnaire_registry_new_default ();
    guint loaded_sets = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < after->len; i++)
      {
        SillonAssessmentRecord *r = after->pdata[i];
        g_autoptr (GBytes) bytes = NULL;
        g_autoptr (SillonAssessment) loaded = NULL;

        if (strstr (r->answers_json, "sillon-answers") == NULL)
          continue;
        bytes = g_bytes_new (r->answers_json, strlen (r->answers_json));
        loaded = sillon_assessment_new_from_bytes (bytes, registry, &error);
        g_assert_no_error (error);
        g_assert_nonnull (loaded);
        loaded_sets++;
      }
    g_assert_cmpuint (loaded_sets, ==, 1);
  }
  parcours = sillon_store_list_parcours (store, person, &error);
  g_assert_cmpuint (parcours->len, ==, 1);
  g_assert_cmpuint (((SillonParcours *) parcours->pdata[0])->items->len, ==, 1);
  g_assert_null (((SillonParcoursItem *) ((SillonParcours *) parcours->pdata[0])->items->pdata[0])->label);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA integrity_check", NULL, NULL, NULL), ==, SQLITE_OK);

  g_clear_pointer (&store, sillon_store_free);
  sillon_vault_lock (vault);
  g_clear_object (&vault);
  test_remove_tree (dir);
}

/* Reopens the vault at @path, whose page @page was flipped on disk, and
 * runs @query on a new store over it. */
typedef GPtrArray *(*TamperedQuery) (SillonStore *store, GError **error);

static GPtrArray *
search_voisin (SillonStore *store, GError **error)
{
  return sillon_store_search_beneficiaries (store, "Voisin", 10, error);
}

static GPtrArray *
get_first_person (SillonStore *store, GError **error)
{
  g_autoptr (SillonBeneficiary) b = sillon_store_get_beneficiary (store, 1, error);

  return b != NULL ? g_ptr_array_new () : NULL;
}

static void
assert_tampered_page_reported (const char *path, GBytes *pristine, int page, TamperedQuery query)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (SillonStore) store = NULL;
  g_autoptr (GPtrArray) found = NULL;
  gsize length = 0;
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (pristine, &length), g_bytes_get_size (pristine));

  g_assert_cmpuint (length, >=, 4096 + (gsize) page * 4096);
  data[4096 + (gsize) (page - 1) * 4096 + 100] ^= 0x01;
  g_file_set_contents (path, (const char *) data, length, &error);
  g_assert_no_error (error);

  vault = sillon_vault_open (path, PASSPHRASE, &error);
  g_assert_no_error (error);
  store = sillon_store_new_with_vocabulary (sillon_vault_get_db (vault), store_test_vocabulary (), &error);
  g_assert_no_error (error);
  found = query (store, &error);
  g_assert_null (found);
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_TAMPERED);
  g_clear_pointer (&store, sillon_store_free);
  sillon_vault_lock (vault);
}

/* A page that fails authentication, met by the store, is reported as the
 * vault's tampering (exit 12 in sillon-cli), never as "Database error:
 * disk I/O error": neither when SQLite passes the shim's error on (a
 * table's page) nor when FTS5 turns it into "vtable constructor failed"
 * (its configuration's page, read when a new connection first searches). */
static void
test_tampered_page_reported_as_tampering (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ("sillon-store-vault-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "vault.sillon", NULL);
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GBytes) pristine = NULL;
  SillonStore *store;
  int table_page, fts_config_page;

  store = new_populated_store (path, &vault);
  table_page = store_test_query_int (sillon_vault_get_db (vault), "SELECT rootpage FROM sqlite_schema WHERE name = 'beneficiaries'");
  fts_config_page = store_test_query_int (sillon_vault_get_db (vault), "SELECT rootpage FROM sqlite_schema WHERE name = 'beneficiary_fts_config'");
  g_assert_cmpint (table_page, >, 1);
  g_assert_cmpint (fts_config_page, >, 1);
  sillon_store_free (store);
  sillon_vault_lock (vault);
  g_clear_object (&vault);
  {
    gchar *contents = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (path, &contents, &length, &error));
    pristine = g_bytes_new_take (contents, length);
  }

  assert_tampered_page_reported (path, pristine, table_page, get_first_person);
  assert_tampered_page_reported (path, pristine, fts_config_page, search_voisin);

  test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/vault/lock-leaves-complete-file", test_lock_leaves_complete_file);
  g_test_add_func ("/store/vault/journal-records-open", test_journal_records_open);
  g_test_add_func ("/store/vault/erase", test_erase_in_vault);
  g_test_add_func ("/store/vault/merge", test_merge_in_vault);
  g_test_add_func ("/store/vault/retention", test_retention_in_vault);
  g_test_add_func ("/store/vault/tampered-page-reported-as-tampering", test_tampered_page_reported_as_tampering);
  return g_test_run ();
}
