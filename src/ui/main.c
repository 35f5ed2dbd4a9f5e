/* main.c — the sillon executable: locale, text domain, application
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sillon-application.h"
#include "sillon-process.h"

int
main (int argc, char **argv)
{
  g_autoptr (SillonApplication) app = NULL;
  g_autoptr (GError) error = NULL;

  sillon_process_init_i18n ();

  if (!sillon_process_init (&error))
    {
      g_printerr ("sillon: %s\n", error->message);
      return EXIT_FAILURE;
    }

  app = sillon_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
