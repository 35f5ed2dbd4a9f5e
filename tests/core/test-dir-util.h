/* test-dir-util.h — the temporary folders of the tests
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* Removes @path, a file or a folder with everything below it; what cannot
 * be removed is left in place (a test's own checks say what went wrong). */
static inline void
test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (GDir) d = g_dir_open (path, 0, NULL);
      const char *name;
      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_remove (path);
}

/* A new private folder (mode 0700) in the system's temporary folder, named
 * after @tmpl ("name-XXXXXX"); a test cannot go on without it. */
static inline char *
test_make_tmp_dir (const char *tmpl)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error); /* GLib returns NULL only with an error */
  return dir;
}
