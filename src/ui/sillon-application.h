/* sillon-application.h — the GtkApplication: actions, accelerators, windows
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SILLON_TYPE_APPLICATION (sillon_application_get_type ())
G_DECLARE_FINAL_TYPE (SillonApplication, sillon_application, SILLON, APPLICATION, GtkApplication)

SillonApplication *sillon_application_new (void);

/* The vault file this instance works on: --vault PATH, else the GSettings
 * key, else the default in the XDG data directory. */
const char *sillon_application_get_vault_path (SillonApplication *self);

G_END_DECLS
