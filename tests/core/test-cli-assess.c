/* test-cli-assess.c — black-box test of `sillon-cli assess …` through the built executable
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sys/wait.h>

static char *
cli_path (void)
{
  return g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "sillon-cli", NULL);
}

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
  g_autofree char *dir = g_dir_make_tmp ("sillon-rules-XXXXXX", NULL);
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
  g_autofree char *tmp = g_dir_make_tmp ("sillon-cli-assess-XXXXXX", &error);
  g_autofree char *original = cli_path ();
  g_autofree char *copy = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *answers = data_path ("very-far.answers.json");
  const char *args[] = { "assess", "show", "--json", answers, NULL };
  g_autofree char *expected = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gsize length;

  g_assert_no_error (error);
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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli-assess/show-json", test_show_json);
  g_test_add_func ("/cli-assess/show-text", test_show_text);
  g_test_add_func ("/cli-assess/compare-json", test_compare_json);
  g_test_add_func ("/cli-assess/errors", test_errors);
  g_test_add_func ("/cli-assess/data-dir", test_data_dir);
  g_test_add_func ("/cli-assess/data-dir-rules-checked", test_data_dir_rules_checked);
  g_test_add_func ("/cli-assess/relocated", test_relocated);
  return g_test_run ();
}
