/* test-enum-nicks.c — every enumeration value stored as text keeps its text
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * These texts are in existing vaults (journal actions, help modes, referral
 * statuses), in exports and in data files (axes, areas, degrees), byte for
 * byte. The tables below are the texts as Sillon wrote them when they were
 * hand-written arrays: a change of how the mapping is made must leave every
 * one of them as it is, both ways.
 */

#include "config.h"

#include "sillon-assessment.h"
#include "sillon-journal.h"
#include "sillon-questionnaire.h"
#include "sillon-store.h"

typedef struct
{
  int value;
  const char *text;
} Stored;

static const Stored journal_actions[] = {
  { SILLON_JOURNAL_OPEN, "open" },
  { SILLON_JOURNAL_EXPORT, "export" },
  { SILLON_JOURNAL_PRINT, "print" },
  { SILLON_JOURNAL_ERASE, "erase" },
  { SILLON_JOURNAL_PASSPHRASE_CHANGE, "passphrase_change" },
  { SILLON_JOURNAL_IMPORT, "import" },
  { SILLON_JOURNAL_SHELL, "shell" },
};

static const Stored help_modes[] = {
  { SILLON_HELP_MODE_FAIRE_POUR, "faire_pour" },
  { SILLON_HELP_MODE_FAIRE_AVEC, "faire_avec" },
  { SILLON_HELP_MODE_LAISSER_FAIRE, "laisser_faire" },
};

static const Stored referral_statuses[] = {
  { SILLON_REFERRAL_ISSUED, "issued" },
  { SILLON_REFERRAL_HONOURED, "honoured" },
  { SILLON_REFERRAL_UNKNOWN, "unknown" },
  { SILLON_REFERRAL_NOT_HONOURED, "not-honoured" },
};

static const Stored axes[] = {
  { SILLON_AXIS_POUVOIR, "pouvoir" },
  { SILLON_AXIS_VOULOIR, "vouloir" },
  { SILLON_AXIS_SAVOIR, "savoir" },
};

static const Stored areas[] = {
  { SILLON_AREA_INFORMATION, "information" },
  { SILLON_AREA_COMMUNICATION, "communication" },
  { SILLON_AREA_CREATION, "creation" },
  { SILLON_AREA_PROTECTION, "protection" },
  { SILLON_AREA_ENVIRONMENT, "environment" },
};

static const Stored degrees[] = {
  { SILLON_DEGREE_NONE, "none" },
  { SILLON_DEGREE_TRES_ELOIGNE, "tres_eloigne" },
  { SILLON_DEGREE_ELOIGNE, "eloigne" },
  { SILLON_DEGREE_EN_PROGRESSION, "en_progression" },
  { SILLON_DEGREE_AUTONOME, "autonome" },
};

/* Texts that no value has: each mapping refuses them. */
static const char *const strangers[] = { "", "OPEN", "Open", "faire-pour", "faire pour", "none ", "unset", "count" };

static void
test_journal_actions (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (journal_actions); i++)
    g_assert_cmpstr (sillon_journal_action_to_string (journal_actions[i].value), ==, journal_actions[i].text);
  g_assert_null (sillon_journal_action_to_string ((SillonJournalAction) G_N_ELEMENTS (journal_actions)));
  g_assert_null (sillon_journal_action_to_string ((SillonJournalAction) -1));
}

static void
test_help_modes (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (help_modes); i++)
    {
      g_assert_cmpstr (sillon_help_mode_to_string (help_modes[i].value), ==, help_modes[i].text);
      g_assert_cmpint (sillon_help_mode_from_string (help_modes[i].text), ==, help_modes[i].value);
    }
  /* Unset is never written: NULL, and no text reads back as it but by
   * failing. */
  g_assert_null (sillon_help_mode_to_string (SILLON_HELP_MODE_UNSET));
  g_assert_null (sillon_help_mode_to_string ((SillonHelpMode) 4));
  g_assert_cmpint (sillon_help_mode_from_string (NULL), ==, SILLON_HELP_MODE_UNSET);
  for (gsize i = 0; i < G_N_ELEMENTS (strangers); i++)
    g_assert_cmpint (sillon_help_mode_from_string (strangers[i]), ==, SILLON_HELP_MODE_UNSET);
}

static void
test_referral_statuses (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (referral_statuses); i++)
    g_assert_cmpstr (sillon_referral_status_to_string (referral_statuses[i].value), ==, referral_statuses[i].text);
  g_assert_null (sillon_referral_status_to_string ((SillonReferralStatus) 4));
}

static void
test_axes (void)
{
  SillonAxis axis = SILLON_AXIS_SAVOIR;

  g_assert_cmpint (G_N_ELEMENTS (axes), ==, SILLON_AXIS_COUNT);
  for (gsize i = 0; i < G_N_ELEMENTS (axes); i++)
    {
      g_assert_cmpstr (sillon_axis_to_id (axes[i].value), ==, axes[i].text);
      g_assert_true (sillon_axis_from_id (axes[i].text, &axis));
      g_assert_cmpint (axis, ==, axes[i].value);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (strangers); i++)
    g_assert_false (sillon_axis_from_id (strangers[i], NULL));
  g_assert_false (sillon_axis_from_id (NULL, NULL));
}

static void
test_areas (void)
{
  SillonArea area = SILLON_AREA_NONE;

  g_assert_cmpint (G_N_ELEMENTS (areas) + 1, ==, SILLON_AREA_COUNT);
  for (gsize i = 0; i < G_N_ELEMENTS (areas); i++)
    {
      g_assert_cmpstr (sillon_area_to_id (areas[i].value), ==, areas[i].text);
      g_assert_true (sillon_area_from_id (areas[i].text, &area));
      g_assert_cmpint (area, ==, areas[i].value);
    }
  /* "none" is written for an item without an area, but a data file may not
   * name it. */
  g_assert_cmpstr (sillon_area_to_id (SILLON_AREA_NONE), ==, "none");
  area = SILLON_AREA_CREATION;
  g_assert_false (sillon_area_from_id ("none", &area));
  g_assert_cmpint (area, ==, SILLON_AREA_CREATION);
  for (gsize i = 0; i < G_N_ELEMENTS (strangers); i++)
    g_assert_false (sillon_area_from_id (strangers[i], NULL));
}

static void
test_degrees (void)
{
  SillonDegree degree = SILLON_DEGREE_AUTONOME;

  g_assert_cmpint (G_N_ELEMENTS (degrees), ==, SILLON_DEGREE_COUNT);
  for (gsize i = 0; i < G_N_ELEMENTS (degrees); i++)
    {
      g_assert_cmpstr (sillon_degree_to_id (degrees[i].value), ==, degrees[i].text);
      g_assert_true (sillon_degree_from_id (degrees[i].text, &degree));
      g_assert_cmpint (degree, ==, degrees[i].value);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (strangers); i++)
    if (!g_str_equal (strangers[i], "none"))
      g_assert_false (sillon_degree_from_id (strangers[i], NULL));
}

/* The stored texts also read back through the journal and the store:
 * what an existing vault holds opens as before. */
static void
test_journal_reads_back (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  guint8 key[SILLON_JOURNAL_KEY_BYTES] = { 0 };
  sqlite3 *db = NULL;
  SillonStore *store;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  store = sillon_store_new (db, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (journal_actions); i++)
    {
      g_assert_true (sillon_journal_append (store, key, journal_actions[i].value, 0, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  entries = sillon_journal_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, G_N_ELEMENTS (journal_actions));
  for (gsize i = 0; i < G_N_ELEMENTS (journal_actions); i++)
    {
      SillonJournalEntry *entry = g_ptr_array_index (entries, i);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (entry->action, ==, journal_actions[i].value);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT action FROM journal WHERE seq = ?", -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_int64 (stmt, 1, entry->seq);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, journal_actions[i].text);
      sqlite3_finalize (stmt);
    }
  g_clear_pointer (&entries, g_ptr_array_unref);
  sillon_store_free (store);
  sqlite3_close (db);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/enum-nicks/journal-actions", test_journal_actions);
  g_test_add_func ("/enum-nicks/help-modes", test_help_modes);
  g_test_add_func ("/enum-nicks/referral-statuses", test_referral_statuses);
  g_test_add_func ("/enum-nicks/axes", test_axes);
  g_test_add_func ("/enum-nicks/areas", test_areas);
  g_test_add_func ("/enum-nicks/degrees", test_degrees);
  g_test_add_func ("/enum-nicks/journal-reads-back", test_journal_reads_back);
  return g_test_run ();
}
