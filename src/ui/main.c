/* main.c — the sillon executable: locale, text domain, application
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sillon-application.h"
#include "sillon-process.h"

int
main (int argc, char **argv)
{
  g_autoptr (SillonApplication) app = NULL;
  g_autoptr (GError) error = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!sillon_process_init (&error))
    {
      g_printerr ("sillon: %s\n", error->message);
      return EXIT_FAILURE;
    }

  app = sillon_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
