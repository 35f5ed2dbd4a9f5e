/* test-cli-assess.c — black-box test of `sillon-cli assess …` through the built executable
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sys/wait.h>

#include "test-cli-util.h"

static char *
data_path (const char *name)
{
  return g_build_filename (TEST_DATA_DIR, "assessment", name, NULL);
}

/* Runs @program (sillon-cli or a copy) in @cwd with @args (NULL-terminated)
 * and returns its exit status. */
static int
run_program (const char *program, const char *cwd, const char *const *args, char **out, char **err)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) envp = g_get_environ ();
  int status = -1;

  /* Messages in English whatever the developer's locale. */
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  /* The data is built into the executable: nothing in the environment
   * points at it. */
  envp = g_environ_unsetenv (envp, "SILLON_DATA_DIR");
  g_ptr_array_add (argv, g_strdup (program));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (cwd, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static int
run_cli (const char *const *args, char **out, char **err)
{
  g_autofree char *program = cli_path ();

  return run_program (program, NULL, args, out, err);
}

static void
test_show_json (void)
{
  g_autofree char *answers = data_path ("pouvoir-cap.answers.json");
  const char *args[] = { "assess", "show", "--json", answers, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *axes;
  JsonObject *degree;

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  axes = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "axes");
  /* Worked out by hand in tests/data/assessment/pouvoir-cap.expected.json. */
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (axes, "pouvoir"), "score"), ==, 37);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (axes, "vouloir"), "score"), ==, 88);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (axes, "savoir"), "score"), ==, 94);
  degree = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "degree");
  g_assert_cmpstr (json_object_get_string_member (degree, "id"), ==, "eloigne");
}

static void
test_show_text (void)
{
  g_autofree char *answers = data_path ("override.answers.json");
  const char *args[] = { "assess", "show", answers, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "63/100"));
  g_assert_nonnull (strstr (out, "10 of 16 questions answered, 3 skipped"));
  g_assert_nonnull (strstr (out, "Far from digital"));
  g_assert_nonnull (strstr (out, "No workshop within reach before the summer."));
}

/* The mediator's reasons are shown escaped: ESC, BEL, DEL or C1 in an
 * answers file never reach the terminal as such, in text or JSON. */
static void
test_show_escapes_reasons (void)
{
  g_autofree char *source = data_path ("override.answers.json");
  g_autofree char *dir = test_make_tmp_dir ("sillon-assess-XXXXXX");
  g_autofree char *answers = g_build_filename (dir, "controls.answers.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *with_controls = NULL;
  const char *reasons[] = { "Answers given with the daughter’s help; alone she could not show the procedures.",
                            "No workshop within reach before the summer.",
                            "Worried about scams after a phone call last month.",
                            "Prefers one-to-one sessions." };

  g_assert_nonnull (dir);
  g_assert_true (g_file_get_contents (source, &contents, NULL, NULL));
  with_controls = g_strdup (contents);
  for (gsize i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      g_autofree char *marked = g_strconcat ("\\u001b[2J\\u0007\\u007f\\u009b", reasons[i], NULL);
      g_auto (GStrv) parts = g_strsplit (with_controls, reasons[i], 2);

      g_assert_nonnull (parts[1]);
      g_free (with_controls);
      with_controls = g_strjoinv (marked, parts);
    }
  g_assert_true (g_file_set_contents (answers, with_controls, -1, NULL));

  for (int json = 0; json <= 1; json++)
    {
      const char *args[] = { "assess", "show", json ? "--json" : answers, json ? answers : NULL, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
      g_assert_null (strchr (out, '\x1b'));
      g_assert_null (strchr (out, '\x07'));
      g_assert_null (strchr (out, '\x7f'));
      g_assert_null (strstr (out, "\xc2\x9b"));
      if (!json)
        {
          g_assert_nonnull (strstr (out, "\\u001b[2J\\u0007\\u007f\\u009bNo workshop within reach"));
          g_assert_nonnull (strstr (out, "\\u001b[2J\\u0007\\u007f\\u009bAnswers given"));
          g_assert_nonnull (strstr (out, "\\u001b[2J\\u0007\\u007f\\u009bPrefers one-to-one"));
        }
    }
  g_unlink (answers);
  g_rmdir (dir);
}

static void
test_compare_json (void)
{
  g_autofree char *before = data_path ("very-far.answers.json");
  g_autofree char *after = g_build_filename (TEST_DATA_DIR, "assessment", "compare", "very-far-later.json", NULL);
  const char *args[] = { "assess", "compare", "--json", before, after, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *axes;

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  axes = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "axes");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (axes, "pouvoir"), "delta"), ==, 35);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (axes, "savoir"), "delta"), ==, 22);
}

/* Every level of the command table answers --help, lists what is under
 * it, and refuses what is not there. */
static void
test_dispatch_levels (void)
{
  const char *top_help[] = { "--help", NULL };
  const char *group_help[] = { "assess", "--help", NULL };
  const char *group_bare[] = { "assess", NULL };
  const char *nested_unknown[] = { "journal", "frobnicate", NULL };
  const char *top_unknown[] = { "frobnicate", NULL };
  const char *leaf_help[] = { "assess", "show", "--help", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (top_help, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "retention"));
  g_assert_null (strstr (out, "show "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (group_help, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "sillon-cli assess SUBCOMMAND"));
  g_assert_nonnull (strstr (out, "  show "));
  g_assert_nonnull (strstr (out, "  compare "));
  g_assert_nonnull (strstr (out, "  path "));
  g_assert_null (strstr (out, "create"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (group_bare, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "  show "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (nested_unknown, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "unknown subcommand “frobnicate”"));
  g_assert_nonnull (strstr (err, "  verify "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (top_unknown, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "unknown command “frobnicate”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A command that takes no argument refuses one before asking for
   * anything. */
  {
    const char *extra[] = { "journal", "list", "--passphrase-fd", "0", "surplus", NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (extra, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "unexpected argument “surplus”"));
    g_assert_null (strstr (err, "assphrase"));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The leaf's own options, under its full name. */
  g_assert_cmpint (run_cli (leaf_help, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "sillon-cli assess show"));
}

static void
test_errors (void)
{
  g_autofree char *broken = g_build_filename (TEST_DATA_DIR, "questionnaire-broken", "duplicate-id.json", NULL);
  g_autofree char *answers = data_path ("very-far.answers.json");
  const char *not_answers[] = { "assess", "show", broken, NULL };
  const char *missing[] = { "assess", "show", "/nonexistent/answers.json", NULL };
  const char *no_file[] = { "assess", "show", NULL };
  const char *one_of_two[] = { "assess", "compare", answers, NULL };
  const char *unknown[] = { "assess", "grade", answers, NULL };
  const char *bad_option[] = { "assess", "show", "--colour", answers, NULL };
  const char *bad_dir[] = { "assess", "show", "--data-dir", "/nonexistent", answers, NULL };
  struct
  {
    const char *const *args;
    int status;
    const char *mentions;
  } cases[] = {
    { not_answers, 1, "sillon-answers" },
    { missing, 1, "/nonexistent/answers.json" },
    { no_file, 2, "one answer file" },
    { one_of_two, 2, "two answer files" },
    { unknown, 2, "grade" },
    { bad_option, 2, "colour" },
    { bad_dir, 1, "--data-dir" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli (cases[i].args, &out, &err), ==, cases[i].status);
      g_test_message ("%s", err);
      g_assert_nonnull (strstr (err, cases[i].mentions));
    }
}

/* --data-dir reads the same files from a folder instead. */
static void
test_data_dir (void)
{
  g_autofree char *answers = data_path ("pouvoir-cap.answers.json");
  g_autofree char *resources = g_build_filename (TEST_DATA_DIR, "..", "..", "resources", "data", NULL);
  const char *builtin[] = { "assess", "show", "--json", answers, NULL };
  const char *from_dir[] = { "assess", "show", "--json", "--data-dir", resources, answers, NULL };
  g_autofree char *out1 = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err1 = NULL;
  g_autofree char *err2 = NULL;

  g_assert_cmpint (run_cli (builtin, &out1, &err1), ==, 0);
  g_assert_cmpint (run_cli (from_dir, &out2, &err2), ==, 0);
  g_assert_cmpstr (out1, !=, "");
  g_assert_cmpstr (out1, ==, out2);
}

/* An edited rules file in --data-dir that names an item or a value the
 * questionnaire does not have is refused when loaded, naming the file, the
 * rule and the item, instead of a rule that silently never fires. */
static void
test_data_dir_rules_checked (void)
{
  g_autofree char *answers = data_path ("pouvoir-cap.answers.json");
  g_autofree char *resources = g_build_filename (TEST_DATA_DIR, "..", "..", "resources", "data", NULL);
  g_autofree char *dir = test_make_tmp_dir ("sillon-rules-XXXXXX");
  const char *files[] = { "questionnaire-v1.json", "orientation-rules-v1.json" };
  const struct
  {
    const char *from;
    const char *to;
    const char *mentions;
  } cases[] = {
    { "\"pouvoir.equipment.", "\"pouvoir.equipment.nope-", "pouvoir.equipment.nope-" },
  };

  g_assert_nonnull (dir);
  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
        {
          g_autofree char *from = g_build_filename (resources, files[i], NULL);
          g_autofree char *to = g_build_filename (dir, files[i], NULL);
          g_autofree char *text = NULL;
          g_autofree char *edited = NULL;
          g_auto (GStrv) parts = NULL;

          g_assert_true (g_file_get_contents (from, &text, NULL, NULL));
          if (g_str_has_prefix (files[i], "orientation-rules"))
            {
              const char *rules_start = strstr (text, "\"rules\"");
              g_autofree char *head = NULL;

              /* Only the conditions change, not the orientations' own ids. */
              g_assert_nonnull (rules_start);
              g_assert_nonnull (strstr (rules_start, cases[c].from));
              head = g_strndup (text, rules_start - text);
              parts = g_strsplit (rules_start, cases[c].from, 2);
              edited = g_strconcat (head, parts[0], cases[c].to, parts[1], NULL);
            }
          else
            edited = g_strdup (text);
          g_assert_true (g_file_set_contents (to, edited, -1, NULL));
        }
      {
        const char *args[] = { "assess", "show", "--data-dir", dir, answers, NULL };
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;

        g_assert_cmpint (run_cli (args, &out, &err), ==, 1);
        g_test_message ("%s", err);
        g_assert_nonnull (strstr (err, "orientation-rules-v1.json"));
        g_assert_nonnull (strstr (err, cases[c].mentions));
      }
    }
  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* A copy of the executable alone in an empty folder, run from there, works
 * as the one in the build tree: nothing is looked up next to it or in the
 * working directory. */
static void
test_relocated (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *tmp = test_make_tmp_dir ("sillon-cli-assess-XXXXXX");
  g_autofree char *original = cli_path ();
  g_autofree char *copy = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *answers = data_path ("very-far.answers.json");
  const char *args[] = { "assess", "show", "--json", answers, NULL };
  g_autofree char *expected = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gsize length;

  copy = g_build_filename (tmp, "sillon-cli", NULL);
  g_assert_true (g_file_get_contents (original, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents_full (copy, contents, length, G_FILE_SET_CONTENTS_NONE, 0700, &error));
  g_assert_no_error (error);

  g_assert_cmpint (run_cli (args, &expected, &err), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_program (copy, tmp, args, &out, &err), ==, 0);
  g_assert_cmpstr (expected, !=, "");
  g_assert_cmpstr (out, ==, expected);

  g_assert_cmpint (g_remove (copy), ==, 0);
  g_assert_cmpint (g_rmdir (tmp), ==, 0);
}

/* ---- Answer sets stored in the vault ---------------------------------------- */

/* Exit codes documented in `sillon-cli --help` and docs/CLI.md. */
enum
{
  EXIT_OK = 0,
  EXIT_USAGE = 2,
  EXIT_WRONG_SECRET = 10,
  EXIT_REFUSED = 16,
  EXIT_NO_SUCH_RECORD = 23,
};

#define PASS_LINE "correct horse battery\n"

typedef struct
{
  char *dir;
  char *vault;
} VaultFixture;

/* The answer files the vault gets, oldest first, and the person they are
 * stored for: person 1 has three, person 2 one. */
static const struct
{
  const char *file;
  gint64 person;
} stored[] = {
  { "very-far.answers.json", 1 },
  { "pouvoir-cap.answers.json", 1 },
  { "compare/very-far-later.json", 1 },
  { "override.answers.json", 2 },
};

/* Saved in another order than their dates, so that only sorting by date
 * gives the oldest first. */
static const guint insertion_order[] = { 2, 3, 0, 1 };

static char *
answer_text (const char *file, char **out_date)
{
  g_autofree char *path = data_path (file);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  *out_date = g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "date"));
  g_assert_nonnull (*out_date);
  return text;
}

/* A vault with Sillon's tables, people 1 and 2 and their assessments,
 * written through `vault shell` as the application would store them. The
 * stored results are empty on purpose: the commands must score the answers
 * themselves, with the same code as for files. */
static void
vault_fixture_set_up (VaultFixture *f, gconstpointer data)
{
  g_autoptr (CliResult) shell = NULL;
  g_autoptr (GString) sql = g_string_new ("INSERT INTO beneficiaries (id, name_key, created_unix, updated_unix)"
                                          " VALUES (1, 'a', 1, 1), (2, 'b', 1, 1);\n");

  f->dir = test_make_tmp_dir ("sillon-cli-assess-XXXXXX");
  f->vault = g_build_filename (f->dir, "vault.sillon", NULL);
  cli_create_data_vault (f->vault, PASS_LINE, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (insertion_order); i++)
    {
      guint k = insertion_order[i];
      g_autofree char *date = NULL;
      g_autofree char *text = answer_text (stored[k].file, &date);
      g_auto (GStrv) parts = g_strsplit (text, "'", -1);
      g_autofree char *quoted = g_strjoinv ("''", parts);

      g_string_append_printf (sql,
                              "INSERT INTO assessments (beneficiary_id, date, questionnaire_id, questionnaire_version,"
                              " answers_json, result_json) VALUES (%" G_GINT64_FORMAT
                              ", '%s', 'pouvoir-vouloir-savoir', 1, '%s', '{}');\n",
                              stored[k].person, date, quoted);
    }
  shell = cli_expect (EXIT_OK, cli_run (NULL, PASS_LINE, sql->str, "vault", "shell", "--vault", f->vault, NULL));
}

static void
vault_fixture_tear_down (VaultFixture *f, gconstpointer data)
{
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->vault);
}

/* `assess path --person` lists the stored assessments oldest first, each
 * scored as `assess show` scores the same answers, and prints exactly what
 * `assess path` prints for the same files. */
static void
test_vault_path (VaultFixture *f, gconstpointer data)
{
  g_autoptr (CliResult) r = cli_run (NULL, PASS_LINE, NULL, "assess", "path", "--person", "1", "--vault", f->vault, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *first = data_path (stored[0].file);
  g_autofree char *second = data_path (stored[1].file);
  g_autofree char *third = data_path (stored[2].file);
  const char *from_files[] = { "assess", "path", first, second, third, NULL };
  g_autofree char *expected = NULL;
  g_autofree char *expected_err = NULL;
  JsonArray *steps;

  g_assert_cmpint (r->status, ==, EXIT_OK);
  json_parser_load_from_data (parser, r->out, -1, &error);
  g_assert_no_error (error);
  steps = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "steps");
  g_assert_cmpuint (json_array_get_length (steps), ==, 3);

  for (guint i = 0; i < 3; i++)
    {
      JsonObject *step = json_array_get_object_element (steps, i);
      JsonObject *scores = json_object_get_object_member (step, "scores");
      g_autofree char *date = NULL;
      g_autofree char *text = answer_text (stored[i].file, &date);
      g_autofree char *path = data_path (stored[i].file);
      const char *show_args[] = { "assess", "show", "--json", path, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr (JsonParser) show = json_parser_new ();
      JsonObject *axes;
      const char *const axis_ids[] = { "pouvoir", "vouloir", "savoir" };

      g_assert_cmpstr (json_object_get_string_member (step, "date"), ==, date);
      if (i > 0)
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps, i - 1), "date"), <,
                         date);
      g_assert_cmpint (run_cli (show_args, &out, &err), ==, EXIT_OK);
      json_parser_load_from_data (show, out, -1, &error);
      g_assert_no_error (error);
      axes = json_object_get_object_member (json_node_get_object (json_parser_get_root (show)), "axes");
      for (gsize a = 0; a < G_N_ELEMENTS (axis_ids); a++)
        {
          JsonObject *axis = json_object_get_object_member (axes, axis_ids[a]);

          g_assert_true (json_object_has_member (scores, axis_ids[a]));
          g_assert_cmpint (json_object_get_int_member (scores, axis_ids[a]), ==,
                           json_object_get_int_member (axis, "score"));
        }
    }

  g_assert_cmpint (run_cli (from_files, &expected, &expected_err), ==, EXIT_OK);
  g_assert_cmpstr (r->out, ==, expected);
}

/* `assess compare --person` compares the first and the last stored
 * assessments (or the ones --from and --to pick) exactly as `assess
 * compare` compares the same two files, in text and in JSON. */
static void
test_vault_compare (VaultFixture *f, gconstpointer data)
{
  const struct
  {
    const char *from;
    const char *to;
    guint before;
    guint after;
  } cases[] = {
    { NULL, NULL, 0, 2 },
    { "2", "3", 1, 2 },
    { "3", "1", 2, 0 },
  };

  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    for (int json = 0; json < 2; json++)
      {
        g_autofree char *before = data_path (stored[cases[c].before].file);
        g_autofree char *after = data_path (stored[cases[c].after].file);
        const char *from_files[] = { "assess", "compare", json ? "--json" : before, json ? before : after,
                                     json ? after : NULL, NULL };
        g_autofree char *expected = NULL;
        g_autofree char *err = NULL;
        g_autoptr (CliResult) r = NULL;

        if (cases[c].from != NULL)
          r = cli_run (NULL, PASS_LINE, NULL, "assess", "compare", "--person", "1", "--vault", f->vault, "--from",
                       cases[c].from, "--to", cases[c].to, json ? "--json" : NULL, NULL);
        else
          r = cli_run (NULL, PASS_LINE, NULL, "assess", "compare", "--person", "1", "--vault", f->vault,
                       json ? "--json" : NULL, NULL);
        g_assert_cmpint (r->status, ==, EXIT_OK);
        g_assert_cmpint (run_cli (from_files, &expected, &err), ==, EXIT_OK);
        g_assert_cmpstr (expected, !=, "");
        g_assert_cmpstr (r->out, ==, expected);
      }
}

static void
test_vault_errors (VaultFixture *f, gconstpointer data)
{
  g_autofree char *answers = data_path (stored[0].file);
  const struct
  {
    const char *secrets;
    const char *args[9];
    int status;
    const char *mentions;
  } cases[] = {
    { PASS_LINE, { "assess", "path", "--person", "99", "--vault", f->vault }, EXIT_NO_SUCH_RECORD, "no person with id 99" },
    { PASS_LINE, { "assess", "compare", "--person", "99", "--vault", f->vault }, EXIT_NO_SUCH_RECORD, "no person with id 99" },
    { PASS_LINE, { "assess", "compare", "--person", "2", "--vault", f->vault }, EXIT_REFUSED, "at least two" },
    { PASS_LINE, { "assess", "compare", "--person", "1", "--vault", f->vault, "--to", "4" }, EXIT_REFUSED, "between 1 and 3" },
    { PASS_LINE, { "assess", "compare", "--person", "1", "--vault", f->vault, "--from", "0" }, EXIT_USAGE, "count the assessments from 1" },
    { PASS_LINE, { "assess", "compare", "--person", "1", "--vault", f->vault, answers, answers }, EXIT_USAGE, "not both" },
    { PASS_LINE, { "assess", "path", "--person", "1", "--vault", f->vault, answers }, EXIT_USAGE, "not both" },
    { PASS_LINE, { "assess", "path", "--person", "one", "--vault", f->vault }, EXIT_USAGE, "“one”" },
    { NULL, { "assess", "compare", "--from", "1", answers, answers }, EXIT_USAGE, "go with --person" },
    { NULL, { "assess", "path", "--vault", f->vault, answers }, EXIT_USAGE, "go with --person" },
    { NULL, { "assess", "show", "--person", "1", answers }, EXIT_USAGE, "--person" },
    { "wrong horse battery\n", { "assess", "path", "--person", "1", "--vault", f->vault }, EXIT_WRONG_SECRET, "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (CliResult) r = cli_run (NULL, cases[i].secrets, NULL, cases[i].args[0], cases[i].args[1], cases[i].args[2],
                                         cases[i].args[3], cases[i].args[4], cases[i].args[5], cases[i].args[6],
                                         cases[i].args[7], cases[i].args[8], NULL);

      g_assert_cmpint (r->status, ==, cases[i].status);
      g_assert_nonnull (strstr (r->err, cases[i].mentions));
      g_assert_cmpstr (r->out, ==, "");
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli-assess/show-json", test_show_json);
  g_test_add_func ("/cli-assess/show-text", test_show_text);
  g_test_add_func ("/cli-assess/show-escapes-reasons", test_show_escapes_reasons);
  g_test_add_func ("/cli-assess/compare-json", test_compare_json);
  g_test_add_func ("/cli-assess/errors", test_errors);
  g_test_add_func ("/cli-assess/dispatch-levels", test_dispatch_levels);
  g_test_add_func ("/cli-assess/data-dir", test_data_dir);
  g_test_add_func ("/cli-assess/data-dir-rules-checked", test_data_dir_rules_checked);
  g_test_add_func ("/cli-assess/relocated", test_relocated);
  g_test_add ("/cli-assess/vault-path", VaultFixture, NULL, vault_fixture_set_up, test_vault_path,
              vault_fixture_tear_down);
  g_test_add ("/cli-assess/vault-compare", VaultFixture, NULL, vault_fixture_set_up, test_vault_compare,
              vault_fixture_tear_down);
  g_test_add ("/cli-assess/vault-errors", VaultFixture, NULL, vault_fixture_set_up, test_vault_errors,
              vault_fixture_tear_down);
  return g_test_run ();
}
