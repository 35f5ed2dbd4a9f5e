/* test-version.c — the version string the executables print
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-version.h"

static void
test_version_matches_project (void)
{
  g_assert_cmpstr (sillon_version (), ==, PACKAGE_VERSION);
  /* Semantic version: three dot-separated numbers. */
  g_assert_true (g_regex_match_simple ("^[0-9]+\\.[0-9]+\\.[0-9]+$", sillon_version (), 0, 0));
}

static void
test_version_describe_names_libraries (void)
{
  g_autofree char *text = sillon_version_describe ();

  g_assert_true (g_str_has_prefix (text, "sillon " PACKAGE_VERSION " "));
  g_assert_nonnull (strstr (text, "SQLite 3."));
  g_assert_nonnull (strstr (text, "libsodium 1."));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/version/matches-project", test_version_matches_project);
  g_test_add_func ("/version/describe-names-libraries", test_version_describe_names_libraries);
  return g_test_run ();
}
