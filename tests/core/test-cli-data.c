/* test-cli-data.c — black-box test of `sillon-cli places|demo|journal|person|retention`
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built sillon-cli on a private vault, then looks into the vault
 * with `sillon-cli vault shell` to check what was (or was not) written.
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "test-cli-util.h"

/* Exit codes documented in `sillon-cli --help` and docs/CLI.md. */
enum
{
  EXIT_OK = 0,
  EXIT_USAGE = 2,
  EXIT_WRONG_SECRET = 10,
  EXIT_NOT_FOUND = 14,
  EXIT_REFUSED = 16,
  EXIT_INVALID_INPUT = 21,
  EXIT_JOURNAL_TAMPERED = 22,
  EXIT_NO_SUCH_RECORD = 23,
  EXIT_SCHEMA_TOO_NEW = 24,
};

#define PASS "correct horse battery"
#define PASS_LINE PASS "\n"
#define WRONG_LINE "wrong horse battery\n"
/* A fixed end date: the generated data must not depend on the day. */
#define DEMO_SMALL "--beneficiaries", "40", "--sessions", "300", "--workshops", "6", "--places", "8", "--end-date", "2025-06-30"

typedef struct
{
  char *dir;
  char *vault;
} Fixture;

static char *
lieux (const char *name)
{
  return g_build_filename (TEST_DATA_DIR, "lieux", name, NULL);
}

/* Runs sillon-cli with ARGS… up to NULL; see cli_run_va (). */
#define run(secrets, input, ...) cli_run (NULL, secrets, input, __VA_ARGS__)
#define RUN(f, ...) run (PASS_LINE, NULL, __VA_ARGS__, "--vault", (f)->vault, NULL)

/* One SQL query through `vault shell`; returns its output. */
static char *
sql (Fixture *f, const char *query)
{
  g_autoptr (CliResult) r = run (PASS_LINE, query, "vault", "shell", "--vault", f->vault, NULL);

  g_assert_cmpint (r->status, ==, EXIT_OK);
  return g_strdup (g_strstrip (r->out));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("sillon-cli-data-XXXXXX", &error);
  g_assert_no_error (error);
  f->vault = g_build_filename (f->dir, "vault.sillon", NULL);
  cli_create_data_vault (f->vault, PASS_LINE, "Ada");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->vault);
}

static gboolean
contains (const char *haystack, const char *needle)
{
  return haystack != NULL && strstr (haystack, needle) != NULL;
}

/* ── places ────────────────────────────────────────────────────────────── */

static void
test_places_import_and_reimport (Fixture *f, gconstpointer data)
{
  g_autofree char *file = lieux ("mixte.csv");
  g_autoptr (CliResult) first = NULL;
  g_autoptr (CliResult) again = NULL;
  g_autoptr (CliResult) search = NULL;
  g_autoptr (CliResult) journal = NULL;
  g_autofree char *count = NULL;
  g_autofree char *count_again = NULL;
  g_autofree char *flags = NULL;
  g_autofree char *imports = NULL;

  first = cli_expect (EXIT_OK, RUN (f, "places", "import", file));
  g_assert_true (contains (first->out, "Kept:         9 (of which flagged: 6)"));
  g_assert_true (contains (first->out, "Skipped:      3"));
  g_assert_true (contains (first->out, "New:          9"));
  g_assert_true (contains (first->out, "Updated:      0"));
  /* Errors name the line and the field. */
  g_assert_true (contains (first->out, "line 3, horaires"));
  g_assert_true (contains (first->out, "line 6, nom"));
  count = sql (f, "SELECT count(*) FROM places;");
  g_assert_cmpstr (count, ==, "9");

  /* Re-importing updates by id: no duplicate, flags kept. */
  again = cli_expect (EXIT_OK, RUN (f, "places", "import", file));
  g_assert_true (contains (again->out, "New:          0"));
  g_assert_true (contains (again->out, "Updated:      9"));
  count_again = sql (f, "SELECT count(*) FROM places;");
  g_assert_cmpstr (count_again, ==, "9");
  flags = sql (f, "SELECT flagged FROM places WHERE lieu_id = 'lieu-2';");
  g_assert_true (contains (flags, "horaires"));

  search = cli_expect (EXIT_OK, RUN (f, "places", "search", "Reims"));
  /* The phone as it is dialled from France, not the directory's E.164. */
  g_assert_true (contains (search->out, "\tMédiathèque\t51100\tReims\t03 26 00 00 00\n"));
  g_assert_false (contains (search->out, "+33326000000"));
  /* Unlike `person search`, a --limit below 1 counts as 1. */
  {
    g_autoptr (CliResult) clamped = cli_expect (EXIT_OK, RUN (f, "places", "search", "Reims", "--limit", "0"));
    g_auto (GStrv) rows = g_strsplit (clamped->out, "\n", -1);

    g_assert_cmpuint (g_strv_length (rows), ==, 2); /* one place, then the final "" */
  }

  /* Journaled, with counts only. */
  imports = sql (f, "SELECT details FROM journal WHERE action = 'import' ORDER BY seq;");
  g_assert_true (contains (imports, "\"new\":9"));
  g_assert_true (contains (imports, "\"updated\":9"));
  journal = cli_expect (EXIT_OK, RUN (f, "journal", "verify"));
}

/* A name holding a tab and a line break (a quoted CSV field may) is still
 * one line of `places search`, written with \t and \n. */
static void
test_places_search_escapes (Fixture *f, gconstpointer data)
{
  g_autofree char *source = lieux ("mixte.csv");
  g_autofree char *file = g_build_filename (f->dir, "odd-name.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *csv = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (CliResult) import = NULL;
  g_autoptr (CliResult) search = NULL;
  g_auto (GStrv) out_lines = NULL;

  g_assert_true (g_file_get_contents (source, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", 3);
  g_assert_true (g_str_has_prefix (lines[1], "Médiathèque,lieu-1,"));
  csv = g_strconcat (lines[0], "\n\"Espace\tnumérique\nde la gare\",lieu-99,",
                     lines[1] + strlen ("Médiathèque,lieu-1,"), "\n", NULL);
  g_assert_true (g_file_set_contents (file, csv, -1, NULL));

  import = cli_expect (EXIT_OK, RUN (f, "places", "import", file));
  search = cli_expect (EXIT_OK, RUN (f, "places", "search", "gare"));
  g_assert_true (contains (search->out, "\tEspace\\tnumérique\\nde la gare\t51100\tReims\t03 26 00 00 00\n"));
  out_lines = g_strsplit (search->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (out_lines), ==, 2); /* one line, then the final "" */
  g_unlink (file);
}

/* Whether @text holds a control character that a terminal would act on:
 * any C0 but tab and line feed, DEL, or C1 (raw, or as a lone byte). */
static gboolean
has_raw_control (const char *text)
{
  for (const guchar *p = (const guchar *) text; p != NULL && *p != '\0'; p++)
    {
      if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f)
        return TRUE;
      if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
        return TRUE;
      if (*p >= 0x80 && *p <= 0x9f && (p == (const guchar *) text || p[-1] < 0xc0))
        {
          /* A continuation byte is fine after a lead byte; a lone one is not. */
          const guchar *lead = p;

          while (lead > (const guchar *) text && *lead >= 0x80 && *lead < 0xc0)
            lead--;
          if (*lead < 0xc0)
            return TRUE;
        }
    }
  return FALSE;
}

/* ESC, BEL, NUL, DEL and C1 controls in a places file, JSON or CSV: the
 * import is refused with the same error, nothing is stored, and nothing raw
 * reaches the terminal. A control put in the vault by other means (an old
 * version, `vault shell`) is printed escaped by every listing. */
static void
test_places_control_characters (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *raw;
    const char *json;
    const char *escaped;
  } controls[] = {
    { "\x1b[2J\x1b]0;X\x07", "\\u001b[2J\\u001b]0;X\\u0007", "\\u001b[2J\\u001b]0;X\\u0007" },
    { "\x07", "\\u0007", "\\u0007" },
    { "\x7f", "\\u007f", "\\u007f" },
    { "\xc2\x9b"
      "31m",
      "\\u009b31m", "\\u009b31m" },
    { NULL, "\\u0000", NULL },
  };
  g_autofree char *file = g_build_filename (f->dir, "controls", NULL);
  g_autoptr (CliResult) insert = NULL;
  g_autoptr (CliResult) search = NULL;
  g_autoptr (CliResult) shell = NULL;
  g_autofree char *count = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      g_autofree char *json = g_strdup_printf ("[{\"id\": \"l1\", \"pivot\": \"1\", \"nom\": \"A%sB\", \"commune\": \"Reims\", "
                                               "\"code_postal\": \"51100\", \"adresse\": \"1 rue\", \"date_maj\": \"2024-01-01\"}]",
                                               controls[i].json);
      g_autofree char *json_file = g_strconcat (file, ".json", NULL);
      g_autoptr (CliResult) r = NULL;

      g_test_message ("JSON %s", controls[i].json);
      g_assert_true (g_file_set_contents (json_file, json, -1, NULL));
      r = cli_expect (EXIT_INVALID_INPUT, RUN (f, "places", "import", json_file));
      g_assert_true (contains (r->err, "contains a control character"));
      g_assert_false (has_raw_control (r->out));
      g_assert_false (has_raw_control (r->err));

      if (controls[i].raw != NULL)
        {
          g_autofree char *csv = g_strdup_printf ("id,pivot,nom,commune,code_postal,adresse,date_maj\n"
                                                  "l1,1,A%sB,Reims,51100,1 rue,2024-01-01\n",
                                                  controls[i].raw);
          g_autofree char *csv_file = g_strconcat (file, ".csv", NULL);
          g_autoptr (CliResult) c = NULL;

          g_assert_true (g_file_set_contents (csv_file, csv, -1, NULL));
          c = cli_expect (EXIT_INVALID_INPUT, RUN (f, "places", "import", csv_file));
          g_assert_true (contains (c->err, "contains a control character"));
          g_assert_false (has_raw_control (c->out));
          g_assert_false (has_raw_control (c->err));
        }
    }
  count = sql (f, "SELECT count(*) FROM places;");
  g_assert_cmpstr (count, ==, "0");

  /* Stored by other means: printed escaped, by the listings and the shell. */
  insert = run (PASS_LINE,
                "INSERT INTO places (lieu_id, nom, code_postal, commune, updated_unix)"
                " VALUES ('l1', 'Gare' || char(27) || '[2J' || char(27) || ']0;X' || char(7) || char(127) || char(155) || 'fin', '51100', 'Reims', 0);",
                "vault", "shell", "--vault", f->vault, NULL);
  g_assert_cmpint (insert->status, ==, EXIT_OK);
  search = cli_expect (EXIT_OK, RUN (f, "places", "search", "gare"));
  g_assert_true (contains (search->out, "\tGare\\u001b[2J\\u001b]0;X\\u0007\\u007f\\u009bfin\t51100\tReims\t\n"));
  g_assert_false (has_raw_control (search->out));
  shell = run (PASS_LINE, "SELECT nom FROM places;", "vault", "shell", "--vault", f->vault, NULL);
  g_assert_cmpint (shell->status, ==, EXIT_OK);
  g_assert_cmpstr (shell->out, ==, "Gare\\u001b[2J\\u001b]0;X\\u0007\\u007f\\u009bfin\n");
}

/* The bidirectional controls, marks and the line and paragraph
 * separators, in UTF-8, anywhere in @text. */
static gboolean
has_raw_layout_control (const char *text)
{
  static const char *const raw[] = {
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u2028",
    "\u2029",
    "\u200e",
    "\u200f",
    "\u061c",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (raw); i++)
    if (contains (text, raw[i]))
      return TRUE;
  return FALSE;
}

/* A name that reorders the line it is printed on (a right-to-left override
 * shows what follows it backwards) or breaks it (U+2028) is stored
 * as it was typed but printed escaped, as \u202e; a joiner, which Arabic
 * and emoji need and which reorders nothing, is printed as it is. */
static void
test_places_layout_controls (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) insert = NULL;
  g_autoptr (CliResult) search = NULL;
  g_autoptr (CliResult) shell = NULL;
  const char *expected = "Gare \\u202afdp\\u202b\\u202c\\u202d\\u202eexe\\u2066a\\u2067b\\u2068c\\u2069"
                         "\\u2028d\\u2029e\\u200ef\\u200fg\\u061ch\u200di";

  insert = run (PASS_LINE,
                "INSERT INTO places (lieu_id, nom, code_postal, commune, updated_unix) VALUES ('l1', 'Gare ' || "
                "char(8234) || 'fdp' || char(8235) || char(8236) || char(8237) || char(8238) || 'exe' || "
                "char(8294) || 'a' || char(8295) || 'b' || char(8296) || 'c' || char(8297) || "
                "char(8232) || 'd' || char(8233) || 'e' || char(8206) || 'f' || char(8207) || 'g' || "
                "char(1564) || 'h' || char(8205) || 'i', '51100', 'Reims', 0);",
                "vault", "shell", "--vault", f->vault, NULL);
  g_assert_cmpint (insert->status, ==, EXIT_OK);

  search = cli_expect (EXIT_OK, RUN (f, "places", "search", "gare"));
  g_assert_true (contains (search->out, expected));
  g_assert_false (has_raw_layout_control (search->out));
  g_assert_false (has_raw_control (search->out));

  shell = run (PASS_LINE, "SELECT nom FROM places;", "vault", "shell", "--vault", f->vault, NULL);
  g_assert_cmpint (shell->status, ==, EXIT_OK);
  g_assert_true (contains (shell->out, expected));
  g_assert_false (has_raw_layout_control (shell->out));
  /* The value itself is kept as typed: 14 controls, a joiner. */
  {
    g_autofree char *length = sql (f, "SELECT length(nom) FROM places;");

    g_assert_cmpstr (length, ==, "35");
  }
}

static void
test_places_import_json (Fixture *f, gconstpointer data)
{
  g_autofree char *file = lieux ("exemple.json");
  g_autoptr (CliResult) r = NULL;
  g_autofree char *count = NULL;

  r = cli_expect (EXIT_OK, RUN (f, "places", "import", "--format", "json", file));
  g_assert_true (contains (r->out, "record "));
  count = sql (f, "SELECT count(*) FROM places;");
  g_assert_cmpstr (count, !=, "0");
}

/* A malformed file: a report, a non-zero exit, and nothing in the vault. */
static void
test_places_import_malformed (Fixture *f, gconstpointer data)
{
  const char *bad[] = { "guillemet-ouvert.csv", "point-virgule.csv", "colonnes-manquantes.csv", "binaire.csv",
                        "latin1.csv", "vide.csv", "entete-seule.csv", "malforme.json" };
  g_autofree char *missing = g_build_filename (f->dir, "nowhere.csv", NULL);
  g_autoptr (CliResult) absent = NULL;
  g_autofree char *count = NULL;
  g_autofree char *imports = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *file = lieux (bad[i]);
      g_autoptr (CliResult) r = RUN (f, "places", "import", file);

      g_assert_cmpint (r->status, ==, EXIT_INVALID_INPUT);
      g_assert_true (contains (r->err, "Nothing was imported") || contains (r->err, "nothing was imported"));
    }
  absent = cli_expect (EXIT_INVALID_INPUT, RUN (f, "places", "import", missing));
  g_assert_true (contains (absent->err, "Cannot read"));

  count = sql (f, "SELECT count(*) FROM places;");
  g_assert_cmpstr (count, ==, "0");
  imports = sql (f, "SELECT count(*) FROM journal WHERE action = 'import';");
  g_assert_cmpstr (imports, ==, "0");
}

/* The store refuses a record half way through the file: the places before
 * it must not stay (one transaction). */
static void
test_places_import_is_atomic (Fixture *f, gconstpointer data)
{
  g_autofree char *model = lieux ("exemple-valide.csv");
  g_autofree char *path = g_build_filename (f->dir, "too-large.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *huge = g_strnfill (70 * 1024, 'x');
  g_autoptr (GString) file = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CliResult) r = NULL;
  g_autofree char *count = NULL;
  g_auto (GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (model, &contents, NULL, &error));
  lines = g_strsplit (contents, "\n", 3);
  g_assert_nonnull (lines[1]);
  g_string_append_printf (file, "%s\n", lines[0]);
  for (int i = 1; i <= 5; i++)
    {
      g_autoptr (GString) row = g_string_new (lines[1]);
      g_autofree char *id = g_strdup_printf ("\"atomic-%d\"", i);

      g_string_replace (row, "\"structure-1\"", id, 1);
      /* Far beyond what the store keeps for a free-text field. */
      if (i == 4)
        g_string_replace (row, "Notre parcours", huge, 1);
      g_string_append_printf (file, "%s\n", row->str);
    }
  g_assert_true (g_file_set_contents (path, file->str, (gssize) file->len, &error));

  r = cli_expect (EXIT_INVALID_INPUT, RUN (f, "places", "import", path));
  g_assert_true (contains (r->err, "line 5"));
  g_assert_true (contains (r->err, "presentation_detail"));
  g_assert_true (contains (r->err, "Nothing was imported"));
  count = sql (f, "SELECT count(*) FROM places;");
  g_assert_cmpstr (count, ==, "0");
}

static void
test_places_import_line_numbers (Fixture *f, gconstpointer data)
{
  g_autofree char *file = lieux ("guillemet-ouvert.csv");
  g_autoptr (CliResult) r = RUN (f, "places", "import", file);

  g_assert_cmpint (r->status, ==, EXIT_INVALID_INPUT);
  g_assert_true (contains (r->err, "Line "));
}

static void
test_places_dry_run (Fixture *f, gconstpointer data)
{
  g_autofree char *file = lieux ("mixte.csv");
  g_autoptr (CliResult) r = RUN (f, "places", "import", "--dry-run", file);
  g_autoptr (CliResult) bad_format = RUN (f, "places", "import", "--format", "xml", file);
  g_autofree char *count = NULL;

  g_assert_cmpint (r->status, ==, EXIT_OK);
  g_assert_true (contains (r->out, "dry run"));
  g_assert_true (contains (r->out, "New:          9"));
  count = sql (f, "SELECT count(*) FROM places;");
  g_assert_cmpstr (count, ==, "0");
  g_assert_cmpint (bad_format->status, ==, EXIT_USAGE);

  /* The report names the columns it ignored and those it read under
   * their old name, in the file's order. */
  {
    g_autofree char *columns = g_build_filename (f->dir, "colonnes.csv", NULL);
    g_autoptr (GError) error = NULL;
    g_autoptr (CliResult) report = NULL;

    g_assert_true (g_file_set_contents (columns,
                                        "id,pivot,nom,commune,code_postal,adresse,date_maj,courriel,couleur,accessibilite,humeur\n"
                                        "lieu-1,00000000000000,Médiathèque,Reims,51100,1 rue de la Gare,2024-01-15,a@example.org,"
                                        "bleu,https://acceslibre.beta.gouv.fr/x,calme\n",
                                        -1, &error));
    g_assert_no_error (error);
    report = RUN (f, "places", "import", "--dry-run", columns);
    g_assert_cmpint (report->status, ==, EXIT_OK);
    g_assert_true (contains (report->out, "  Columns ignored (not in the standard): couleur, humeur\n"));
    g_assert_true (contains (report->out, "  Columns read under their name before v1.0 of the standard: courriel, accessibilite\n"));
  }
}

/* ── demo ──────────────────────────────────────────────────────────────── */

static void
test_demo (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) r = RUN (f, "demo", "--seed", "7", DEMO_SMALL);
  g_autoptr (CliResult) refused = NULL;
  g_autoptr (CliResult) forced = NULL;
  g_autoptr (CliResult) other = NULL;
  g_autoptr (CliResult) create = NULL;
  g_autofree char *other_vault = g_build_filename (f->dir, "other.sillon", NULL);
  g_autofree char *people = NULL;
  g_autofree char *sessions = NULL;
  g_autofree char *names = NULL;
  g_autofree char *names_other = NULL;
  const char *names_query = "SELECT group_concat (last_name || ' ' || first_name, ',') FROM (SELECT * FROM beneficiaries ORDER BY id);";

  g_assert_cmpint (r->status, ==, EXIT_OK);
  g_assert_true (contains (r->out, "seed 7"));
  g_assert_true (contains (r->out, "Generated in"));
  people = sql (f, "SELECT count(*) FROM beneficiaries;");
  g_assert_cmpstr (people, ==, "40");
  sessions = sql (f, "SELECT count(*) FROM sessions;");
  g_assert_cmpstr (sessions, ==, "300");

  /* A vault with people is refused without --force. */
  refused = cli_expect (EXIT_REFUSED, RUN (f, "demo", "--seed", "7", DEMO_SMALL));
  g_assert_true (contains (refused->err, "--force"));

  /* Deterministic: the same seed in another vault gives the same people. */
  create = cli_expect (EXIT_OK, run (PASS_LINE, NULL, "vault", "create", "--vault", other_vault, "--kdf-ms", "1", NULL));
  other = cli_expect (EXIT_OK, run (PASS_LINE, NULL, "demo", "--seed", "7", DEMO_SMALL, "--vault", other_vault, NULL));
  names = sql (f, names_query);
  {
    g_autoptr (CliResult) q = run (PASS_LINE, names_query, "vault", "shell", "--vault", other_vault, NULL);
    g_assert_cmpint (q->status, ==, EXIT_OK);
    names_other = g_strdup (g_strstrip (q->out));
  }
  g_assert_cmpuint (strlen (names), >, 40);
  g_assert_cmpstr (names, ==, names_other);

  /* The demonstration places have fixed ids: a second run adds people only. */
  forced = cli_expect (EXIT_OK, RUN (f, "demo", "--seed", "8", "--force", "--beneficiaries", "40", "--sessions", "30", "--workshops", "2", "--places", "0",
                                     "--end-date", "2025-06-30"));
  g_clear_pointer (&people, g_free);
  people = sql (f, "SELECT count(*) FROM beneficiaries;");
  g_assert_cmpstr (people, ==, "80");
}

static void
test_demo_bad_options (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) negative = RUN (f, "demo", "--beneficiaries", "-3");
  g_autoptr (CliResult) bad_date = RUN (f, "demo", "--end-date", "2025-02-30");
  g_autoptr (CliResult) orphan = RUN (f, "demo", "--beneficiaries", "0", "--sessions", "10");
  g_autofree char *people = NULL;

  g_assert_cmpint (negative->status, ==, EXIT_USAGE);
  g_assert_cmpint (bad_date->status, ==, EXIT_USAGE);
  g_assert_cmpint (orphan->status, ==, EXIT_USAGE);
  people = sql (f, "SELECT count(*) FROM beneficiaries;");
  g_assert_cmpstr (people, ==, "0");
}

/* ── journal ───────────────────────────────────────────────────────────── */

static void
test_journal_detects_edit (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) ok = NULL;
  g_autoptr (CliResult) refused = NULL;
  g_autoptr (CliResult) tamper = NULL;
  g_autoptr (CliResult) bad = NULL;
  g_autoptr (CliResult) list = NULL;

  ok = cli_expect (EXIT_OK, RUN (f, "journal", "verify"));
  g_assert_true (contains (ok->out, "The journal is intact"));

  /* Through SQL the triggers refuse the change… */
  refused = run (PASS_LINE, "UPDATE journal SET details = '{}' WHERE seq = 1;", "vault", "shell", "--vault", f->vault, NULL);
  g_assert_cmpint (refused->status, !=, EXIT_OK);
  g_assert_true (contains (refused->err, "append-only"));

  /* …and with the triggers dropped, the chain still tells. */
  tamper = run (PASS_LINE, "DROP TRIGGER journal_no_update; UPDATE journal SET details = '{\"slot\":5}' WHERE seq = 2;",
                "vault", "shell", "--vault", f->vault, NULL);
  g_assert_cmpint (tamper->status, ==, EXIT_OK);
  bad = cli_expect (EXIT_JOURNAL_TAMPERED, RUN (f, "journal", "verify"));
  g_assert_true (contains (bad->err, "entry 2 "));

  list = cli_expect (EXIT_OK, RUN (f, "journal", "list"));
  g_assert_true (contains (list->out, "\topen\t"));
  g_assert_true (contains (list->out, "\tshell\t"));
}

static void
test_journal_detects_delete (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) tamper = NULL;
  g_autoptr (CliResult) bad = NULL;

  /* A few entries, then remove one from the middle. */
  for (int i = 0; i < 3; i++)
    {
      g_autoptr (CliResult) r = RUN (f, "journal", "list");
      g_assert_cmpint (r->status, ==, EXIT_OK);
    }
  tamper = run (PASS_LINE, "DROP TRIGGER journal_no_delete; DELETE FROM journal WHERE seq = 3;",
                "vault", "shell", "--vault", f->vault, NULL);
  g_assert_cmpint (tamper->status, ==, EXIT_OK);
  bad = cli_expect (EXIT_JOURNAL_TAMPERED, RUN (f, "journal", "verify"));
  g_assert_true (contains (bad->err, "entry 4 "));
}

/* The shell's SQL can quote people: only its statement count is journaled. */
static void
test_journal_shell_no_sql_text (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) r = run (PASS_LINE, "SELECT 'Zoé Secretname'; SELECT 2;", "vault", "shell", "--vault", f->vault, NULL);
  g_autofree char *entries = NULL;

  g_assert_cmpint (r->status, ==, EXIT_OK);
  entries = sql (f, "SELECT group_concat (details, '|') FROM journal WHERE action = 'shell';");
  g_assert_true (contains (entries, "\"statements\":2"));
  g_assert_false (contains (entries, "Secretname"));
}

static void
test_journal_passphrase_and_slots (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) add = run (PASS_LINE "second mediator pass\n", NULL, "vault", "add-slot", "--name", "Bob", "--vault", f->vault, NULL);
  g_autoptr (CliResult) passwd = NULL;
  g_autoptr (CliResult) remove = NULL;
  g_autoptr (CliResult) verify = NULL;
  g_autofree char *entries = NULL;

  g_assert_cmpint (add->status, ==, EXIT_OK);
  {
    g_autoptr (CliResult) info = run (PASS_LINE, NULL, "vault", "info", "--vault", f->vault, NULL);
    g_autofree char *opens = NULL;
    g_assert_cmpint (info->status, ==, EXIT_OK);
    /* The set-up's `journal verify` and this `vault info`. */
    opens = sql (f, "SELECT count(*) FROM journal WHERE action = 'open';");
    g_assert_cmpstr (opens, ==, "2");
  }
  passwd = cli_expect (EXIT_OK, run (PASS_LINE "the new passphrase\n", NULL, "vault", "passwd", "--vault", f->vault, NULL));
  remove = cli_expect (EXIT_OK, run ("the new passphrase\n", NULL, "vault", "remove-slot", "--slot", "1", "--vault", f->vault, NULL));

  {
    g_autoptr (CliResult) q = run ("the new passphrase\n", "SELECT group_concat (details, '|') FROM journal WHERE action = 'passphrase_change';",
                                   "vault", "shell", "--vault", f->vault, NULL);
    g_assert_cmpint (q->status, ==, EXIT_OK);
    entries = g_strdup (q->out);
  }
  g_assert_true (contains (entries, "slot_add"));
  g_assert_true (contains (entries, "\"event\":\"passphrase\""));
  g_assert_true (contains (entries, "slot_remove"));
  g_assert_false (contains (entries, "Bob"));
  verify = cli_expect (EXIT_OK, run ("the new passphrase\n", NULL, "journal", "verify", "--vault", f->vault, NULL));
}

/* A backup takes everything out: it is journaled, and the backup carries
 * the entry and a journal that still verifies. */
static void
test_journal_backup (Fixture *f, gconstpointer data)
{
  g_autofree char *backup = g_build_filename (f->dir, "backup.sillonbk", NULL);
  g_autofree char *restored = g_build_filename (f->dir, "restored.sillon", NULL);
  g_autoptr (CliResult) r = run (PASS_LINE, NULL, "vault", "backup", "--vault", f->vault, backup, NULL);
  g_autoptr (CliResult) restore = NULL;
  g_autoptr (CliResult) verify = NULL;
  g_autoptr (CliResult) list = NULL;

  g_assert_cmpint (r->status, ==, EXIT_OK);
  restore = cli_expect (EXIT_OK, run (PASS_LINE, NULL, "vault", "restore", "--vault", restored, backup, NULL));
  verify = cli_expect (EXIT_OK, run (PASS_LINE, NULL, "journal", "verify", "--vault", restored, NULL));
  list = cli_expect (EXIT_OK, run (PASS_LINE, NULL, "journal", "list", "--vault", restored, NULL));
  g_assert_true (contains (list->out, "\texport\t"));
  g_assert_true (contains (list->out, "{\"kind\":\"backup\"}"));
}

static void
test_wrong_passphrase (Fixture *f, gconstpointer data)
{
  g_autofree char *file = lieux ("mixte.csv");
  g_autofree char *missing = g_build_filename (f->dir, "nowhere.sillon", NULL);
  g_autoptr (CliResult) verify = run (WRONG_LINE, NULL, "journal", "verify", "--vault", f->vault, NULL);
  g_autoptr (CliResult) import = run (WRONG_LINE, NULL, "places", "import", file, "--vault", f->vault, NULL);
  g_autoptr (CliResult) export = run (WRONG_LINE, NULL, "person", "export", "1", "--vault", f->vault, NULL);
  g_autoptr (CliResult) demo = run (WRONG_LINE, NULL, "demo", DEMO_SMALL, "--vault", f->vault, NULL);
  g_autoptr (CliResult) nowhere = run (PASS_LINE, NULL, "journal", "list", "--vault", missing, NULL);
  g_autofree char *count = NULL;

  g_assert_cmpint (verify->status, ==, EXIT_WRONG_SECRET);
  g_assert_true (contains (verify->err, "Wrong passphrase"));
  g_assert_cmpint (import->status, ==, EXIT_WRONG_SECRET);
  g_assert_cmpint (export->status, ==, EXIT_WRONG_SECRET);
  g_assert_cmpint (demo->status, ==, EXIT_WRONG_SECRET);
  g_assert_cmpint (nowhere->status, ==, EXIT_NOT_FOUND);
  count = sql (f, "SELECT (SELECT count(*) FROM places) + (SELECT count(*) FROM beneficiaries);");
  g_assert_cmpstr (count, ==, "0");
}

/* A vault from a newer Sillon is refused by the data commands, untouched. */
static void
test_schema_too_new (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) bump = run (PASS_LINE, "PRAGMA user_version = 99;", "vault", "shell", "--vault", f->vault, NULL);
  g_autoptr (CliResult) list = NULL;
  g_autofree char *version = NULL;
  g_autofree char *entries = NULL;

  g_assert_cmpint (bump->status, ==, EXIT_OK);
  list = cli_expect (EXIT_SCHEMA_TOO_NEW, RUN (f, "journal", "list"));
  g_assert_true (contains (list->err, "newer version of Sillon"));
  version = sql (f, "PRAGMA user_version;");
  g_assert_cmpstr (version, ==, "99");
  entries = sql (f, "SELECT count(*) FROM journal WHERE action = 'open';");
  /* Only the opening by the fixture's set-up. */
  g_assert_cmpstr (entries, ==, "1");
}

/* ── person and retention ──────────────────────────────────────────────── */

static void
test_person_export_and_erase (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) demo = RUN (f, "demo", DEMO_SMALL);
  g_autoptr (CliResult) export = NULL;
  g_autoptr (CliResult) to_file = NULL;
  g_autoptr (CliResult) not_confirmed = NULL;
  g_autoptr (CliResult) erase = NULL;
  g_autoptr (CliResult) gone = NULL;
  g_autoptr (CliResult) verify = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *output = g_build_filename (f->dir, "export.json", NULL);
  g_autofree char *last_name = NULL;
  g_autofree char *left = NULL;
  g_autofree char *journal = NULL;
  GStatBuf st;

  g_assert_cmpint (demo->status, ==, EXIT_OK);
  last_name = sql (f, "SELECT last_name FROM beneficiaries WHERE id = 3;");
  g_assert_cmpstr (last_name, !=, "");

  export = cli_expect (EXIT_OK, RUN (f, "person", "export", "3"));
  g_assert_true (json_parser_load_from_data (parser, export->out, -1, &error));
  g_assert_no_error (error);
  g_assert_true (contains (export->out, last_name));

  to_file = cli_expect (EXIT_OK, RUN (f, "person", "export", "3", "--output", output));
  g_assert_cmpint (g_stat (output, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  not_confirmed = cli_expect (EXIT_REFUSED, RUN (f, "person", "erase", "3"));
  erase = cli_expect (EXIT_OK, RUN (f, "person", "erase", "3", "--yes"));
  left = sql (f, "SELECT (SELECT count(*) FROM beneficiaries WHERE id = 3) + (SELECT count(*) FROM sessions WHERE beneficiary_id = 3);");
  g_assert_cmpstr (left, ==, "0");
  gone = cli_expect (EXIT_NO_SUCH_RECORD, RUN (f, "person", "export", "3"));

  /* Journaled by id, never by name. */
  journal = sql (f, "SELECT group_concat (action || ' ' || details, '|') FROM journal WHERE action IN ('export', 'erase');");
  g_assert_true (contains (journal, "export {\"beneficiary\":3"));
  g_assert_true (contains (journal, "erase {\"beneficiary\":3}"));
  g_assert_false (contains (journal, last_name));
  verify = cli_expect (EXIT_OK, RUN (f, "journal", "verify"));
}

static void
test_person_unknown (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) export = RUN (f, "person", "export", "4242");
  g_autoptr (CliResult) erase = RUN (f, "person", "erase", "4242", "--yes");
  g_autoptr (CliResult) not_a_number = RUN (f, "person", "export", "abc");
  g_autoptr (CliResult) no_id = RUN (f, "person", "export");
  g_autoptr (CliResult) two_ids = RUN (f, "person", "erase", "1", "2", "--yes");
  g_autoptr (CliResult) zero = RUN (f, "person", "duplicates", "0");
  g_autoptr (CliResult) unknown = RUN (f, "person", "frobnicate");
  g_autofree char *erasures = NULL;

  g_assert_cmpint (export->status, ==, EXIT_NO_SUCH_RECORD);
  g_assert_true (contains (export->err, "There is no person with id 4242."));
  g_assert_cmpint (erase->status, ==, EXIT_NO_SUCH_RECORD);
  g_assert_true (contains (erase->err, "There is no person with id 4242."));
  g_assert_cmpint (not_a_number->status, ==, EXIT_USAGE);
  g_assert_true (contains (not_a_number->err, "“abc” is not a valid id"));
  g_assert_cmpint (no_id->status, ==, EXIT_USAGE);
  g_assert_true (contains (no_id->err, "give exactly one person id"));
  g_assert_cmpint (two_ids->status, ==, EXIT_USAGE);
  g_assert_true (contains (two_ids->err, "give exactly one person id"));
  g_assert_cmpint (zero->status, ==, EXIT_USAGE);
  g_assert_true (contains (zero->err, "“0” is not a valid id"));
  g_assert_cmpint (unknown->status, ==, EXIT_USAGE);
  /* A failed erasure is not journaled as done. */
  erasures = sql (f, "SELECT count(*) FROM journal WHERE action = 'erase';");
  g_assert_cmpstr (erasures, ==, "0");
}

/* Two records of one person (accents typed once, not the other time, the
 * same phone written two ways), a third with a tab and a line break in its
 * name, and someone else; the first two have a session each. Written
 * through `vault shell` with the folded keys the store would compute. */
#define PLANT_PEOPLE                                                                                                \
  "INSERT INTO beneficiaries (id, first_name, last_name, name_key, phone, phone_key, birth_year, commune_insee,"    \
  " created_unix, updated_unix) VALUES"                                                                             \
  " (1, 'Hélène', 'Quenouillé', 'quenouille helene', '06 12 34 56 78', '0612345678', 1970, '51454', 1, 1),"      \
  " (2, 'Helene', 'Quenouille', 'quenouille helene', '+33 6 12 34 56 78', '0612345678', NULL, NULL, 1, 1),"         \
  " (3, 'Zoé' || char (9) || 'Anne', 'Quenouillet' || char (10) || 'Bis', 'quenouillet bis zoe anne', NULL, NULL," \
  "  NULL, NULL, 1, 1),"                                                                                            \
  " (4, 'Paul', 'Martin', 'martin paul', '0699999999', '0699999999', 1980, NULL, 1, 1);"                            \
  "INSERT INTO sessions (beneficiary_id, date, duration_minutes, place_type, themes) VALUES"                        \
  " (1, '2025-05-01', 30, 'lieu_activite', '[\"email\"]'), (2, '2025-05-02', 45, 'lieu_activite', '[\"email\"]'),"  \
  " (2, '2025-05-09', 60, 'lieu_activite', '[\"email\"]'), (4, '2025-05-03', 30, 'lieu_activite', '[\"email\"]');"

static void
test_person_search_and_duplicates (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) search = NULL;
  g_autoptr (CliResult) limited = NULL;
  g_autoptr (CliResult) none = NULL;
  g_autoptr (CliResult) bad_limit = NULL;
  g_autoptr (CliResult) dups = NULL;
  g_autoptr (CliResult) unknown = NULL;
  g_auto (GStrv) lines = NULL;
  gboolean seen_accented = FALSE, seen_escaped = FALSE;

  g_free (sql (f, PLANT_PEOPLE));

  search = cli_expect (EXIT_OK, RUN (f, "person", "search", "quenouille"));
  lines = g_strsplit (search->out, "\n", -1);
  /* Three people, one line each, four fields each. */
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[3], ==, "");
  for (guint i = 0; i < 3; i++)
    {
      g_auto (GStrv) fields = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 4);
      if (g_str_equal (fields[0], "1"))
        {
          seen_accented = TRUE;
          g_assert_cmpstr (fields[1], ==, "Hélène Quenouillé");
          g_assert_cmpstr (fields[2], ==, "1970");
          g_assert_cmpstr (fields[3], ==, "51454");
        }
      if (g_str_equal (fields[0], "3"))
        {
          seen_escaped = TRUE;
          g_assert_cmpstr (fields[1], ==, "Zoé\\tAnne Quenouillet\\nBis");
        }
    }
  g_assert_true (seen_accented);
  g_assert_true (seen_escaped);

  limited = cli_expect (EXIT_OK, RUN (f, "person", "search", "quenouille", "--limit", "1"));
  {
    g_auto (GStrv) one = g_strsplit (limited->out, "\n", -1);

    g_assert_cmpuint (g_strv_length (one), ==, 2);
    g_assert_true (g_str_has_prefix (one[0], "1\t") || g_str_has_prefix (one[0], "2\t") || g_str_has_prefix (one[0], "3\t"));
  }
  none = cli_expect (EXIT_OK, RUN (f, "person", "search", "zzzzqqqq"));
  g_assert_cmpstr (none->out, ==, "");
  g_assert_true (contains (none->err, "No person matches."));
  {
    g_autoptr (CliResult) no_place = cli_expect (EXIT_OK, RUN (f, "places", "search", "zzzzqqqq"));

    g_assert_cmpstr (no_place->out, ==, "");
    g_assert_true (contains (no_place->err, "No place matches."));
  }
  bad_limit = cli_expect (EXIT_USAGE, RUN (f, "person", "search", "quenouille", "--limit", "0"));
  g_assert_true (contains (bad_limit->err, "--limit must be at least 1"));
  {
    g_autoptr (CliResult) no_text = RUN (f, "person", "search");
    g_autoptr (CliResult) no_place_text = RUN (f, "places", "search");

    g_assert_cmpint (no_text->status, ==, EXIT_USAGE);
    g_assert_true (contains (no_text->err, "give the text to search for"));
    g_assert_cmpint (no_place_text->status, ==, EXIT_USAGE);
    g_assert_true (contains (no_place_text->err, "give the text to search for"));
  }

  dups = cli_expect (EXIT_OK, RUN (f, "person", "duplicates", "1"));
  g_assert_true (g_str_has_prefix (dups->out, "2\tHelene Quenouille\t"));
  g_assert_true (contains (dups->out, "last-name,first-name,phone\n"));
  /* Only the planted pair: one line. */
  g_assert_cmpint (strchr (dups->out, '\n') - dups->out, ==, (int) strlen (dups->out) - 1);
  unknown = cli_expect (EXIT_NO_SUCH_RECORD, RUN (f, "person", "duplicates", "4242"));
  g_assert_true (contains (unknown->err, "There is no person with id 4242."));
}

static void
test_person_merge (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) refused = NULL;
  g_autoptr (CliResult) same = NULL;
  g_autoptr (CliResult) unknown = NULL;
  g_autoptr (CliResult) merge = NULL;
  g_autoptr (CliResult) verify = NULL;
  g_autofree char *sessions_1 = NULL;
  g_autofree char *sessions_2 = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *expected = NULL;
  const char *state = "SELECT (SELECT group_concat (id) FROM beneficiaries) || '|' ||"
                      " (SELECT group_concat (id || ':' || beneficiary_id) FROM sessions) || '|' ||"
                      " (SELECT count (*) FROM journal WHERE action = 'erase');";

  g_free (sql (f, PLANT_PEOPLE));
  sessions_1 = sql (f, "SELECT count (*) FROM sessions WHERE beneficiary_id = 1;");
  sessions_2 = sql (f, "SELECT count (*) FROM sessions WHERE beneficiary_id = 2;");
  g_assert_cmpint (atoi (sessions_1), >=, 1);
  g_assert_cmpint (atoi (sessions_2), >=, 1);
  before = sql (f, state);

  refused = cli_expect (EXIT_REFUSED, RUN (f, "person", "merge", "1", "2"));
  same = cli_expect (EXIT_USAGE, RUN (f, "person", "merge", "1", "1", "--yes"));
  unknown = cli_expect (EXIT_NO_SUCH_RECORD, RUN (f, "person", "merge", "1", "4242", "--yes"));
  after = sql (f, state);
  g_assert_cmpstr (after, ==, before);

  merge = cli_expect (EXIT_OK, RUN (f, "person", "merge", "1", "2", "--yes"));
  g_clear_pointer (&after, g_free);
  after = sql (f, "SELECT (SELECT count (*) FROM beneficiaries WHERE id = 2) || ' ' ||"
                  " (SELECT count (*) FROM sessions WHERE beneficiary_id = 2) || ' ' ||"
                  " (SELECT count (*) FROM sessions WHERE beneficiary_id = 1);");
  expected = g_strdup_printf ("0 0 %d", atoi (sessions_1) + atoi (sessions_2));
  g_assert_cmpstr (after, ==, expected);

  journal = sql (f, "SELECT group_concat (action || ' ' || details, '|') FROM journal WHERE action = 'erase';");
  g_assert_cmpstr (journal, ==, "erase {\"beneficiary\":2,\"merged_into\":1}");
  g_assert_false (contains (journal, "Quenouill"));
  verify = cli_expect (EXIT_OK, RUN (f, "journal", "verify"));
}

static void
test_retention (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) demo = RUN (f, "demo", DEMO_SMALL);
  g_autoptr (CliResult) dry = NULL;
  g_autoptr (CliResult) real = NULL;
  g_autoptr (CliResult) bad = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *journal = NULL;

  g_assert_cmpint (demo->status, ==, EXIT_OK);
  /* Make some people look untouched for two years. */
  g_free (sql (f, "UPDATE beneficiaries SET updated_unix = 1, created_unix = 1 WHERE id <= 5;"
                  "DELETE FROM sessions WHERE beneficiary_id <= 5;"
                  "DELETE FROM workshop_attendance WHERE beneficiary_id <= 5;"));
  before = sql (f, "SELECT count(*) FROM beneficiaries WHERE anonymised = 1;");

  dry = cli_expect (EXIT_OK, RUN (f, "retention", "--months", "12", "--dry-run"));
  g_assert_true (contains (dry->out, "dry run"));
  after = sql (f, "SELECT count(*) FROM beneficiaries WHERE anonymised = 1;");
  g_assert_cmpstr (after, ==, before);

  real = cli_expect (EXIT_OK, RUN (f, "retention", "--months", "12"));
  g_clear_pointer (&after, g_free);
  after = sql (f, "SELECT count(*) FROM beneficiaries WHERE anonymised = 1 AND first_name IS NULL;");
  g_assert_cmpint (atoi (after), >=, 5);
  journal = sql (f, "SELECT details FROM journal WHERE action = 'erase';");
  g_assert_true (contains (journal, "\"retention_months\":12"));

  bad = cli_expect (EXIT_USAGE, RUN (f, "retention", "--months", "0"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli-data/places/import-and-reimport", test_places_import_and_reimport);
  ADD ("/cli-data/places/search-escapes", test_places_search_escapes);
  ADD ("/cli-data/places/control-characters", test_places_control_characters);
  ADD ("/cli-data/places/layout-controls", test_places_layout_controls);
  ADD ("/cli-data/places/import-json", test_places_import_json);
  ADD ("/cli-data/places/malformed", test_places_import_malformed);
  ADD ("/cli-data/places/line-numbers", test_places_import_line_numbers);
  ADD ("/cli-data/places/atomic", test_places_import_is_atomic);
  ADD ("/cli-data/places/dry-run", test_places_dry_run);
  ADD ("/cli-data/demo/generate", test_demo);
  ADD ("/cli-data/demo/bad-options", test_demo_bad_options);
  ADD ("/cli-data/journal/edit", test_journal_detects_edit);
  ADD ("/cli-data/journal/delete", test_journal_detects_delete);
  ADD ("/cli-data/journal/shell", test_journal_shell_no_sql_text);
  ADD ("/cli-data/journal/passphrase-and-slots", test_journal_passphrase_and_slots);
  ADD ("/cli-data/journal/backup", test_journal_backup);
  ADD ("/cli-data/wrong-passphrase", test_wrong_passphrase);
  ADD ("/cli-data/schema-too-new", test_schema_too_new);
  ADD ("/cli-data/person/export-and-erase", test_person_export_and_erase);
  ADD ("/cli-data/person/unknown", test_person_unknown);
  ADD ("/cli-data/person/search-and-duplicates", test_person_search_and_duplicates);
  ADD ("/cli-data/person/merge", test_person_merge);
  ADD ("/cli-data/retention", test_retention);
  return g_test_run ();
}
