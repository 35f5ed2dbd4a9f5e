/* test-locale-util.h — running a test in French with a catalogue of its own
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libintl.h>
#include <locale.h>

#include "test-dir-util.h"

/* Sillon's own French translation, in the source tree. */
#define TEST_FRENCH_PO TEST_DATA_DIR "/../../po/fr.po"

/* Compiles @po_path with msgfmt into a temporary catalogue and switches
 * gettext to it, in French, as the interface tests do (with whatever date
 * settings the machine has). Returns the catalogue's folder, for
 * test_leave_french(); NULL, the test marked skipped, when gettext's
 * msgfmt is not installed. */
static inline char *
test_enter_french (const char *po_path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *msgfmt = g_find_program_in_path ("msgfmt");
  g_autofree char *directory = NULL;
  g_autofree char *messages = NULL;
  g_autofree char *mo = NULL;
  const char *argv[] = { msgfmt, "-o", NULL, po_path, NULL };
  int status = -1;

  if (msgfmt == NULL)
    {
      g_test_skip ("msgfmt (gettext) is not installed");
      return NULL;
    }
  directory = test_make_tmp_dir ("sillon-test-XXXXXX");
  messages = g_build_filename (directory, "fr", "LC_MESSAGES", NULL);
  g_assert_cmpint (g_mkdir_with_parents (messages, 0700), ==, 0);
  mo = g_build_filename (messages, GETTEXT_PACKAGE ".mo", NULL);
  argv[2] = mo;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_setenv ("LANGUAGE", "fr", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, directory);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  return g_steal_pointer (&directory);
}

/* Back to the build's catalogue and the machine's language; removes and
 * frees @directory, the catalogue test_enter_french() made. */
static inline void
test_leave_french (char *directory)
{
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  test_remove_tree (directory);
  g_free (directory);
}
