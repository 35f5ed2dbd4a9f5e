/* sillon-application.c — the GtkApplication: actions, accelerators, windows
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-application.h"

#include <glib/gi18n.h>

#include "sillon-preferences-window.h"
#include "sillon-vault-session.h"
#include "sillon-version.h"
#include "sillon-window.h"

struct _SillonApplication
{
  GtkApplication parent_instance;

  char *vault_path;
};

G_DEFINE_FINAL_TYPE (SillonApplication, sillon_application, GTK_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "version", 'V', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_ ("Print the version and exit"), NULL },
  { "vault", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_ ("Use the vault at PATH instead of the default one"), N_ ("PATH") },
  { NULL }
};

SillonApplication *
sillon_application_new (void)
{
  return g_object_new (SILLON_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

const char *
sillon_application_get_vault_path (SillonApplication *self)
{
  g_return_val_if_fail (SILLON_IS_APPLICATION (self), NULL);

  if (self->vault_path == NULL)
    {
      g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
      g_autofree char *configured = g_settings_get_string (settings, "vault-path");

      if (configured[0] != '\0')
        self->vault_path = g_steal_pointer (&configured);
      else
        self->vault_path = sillon_vault_session_get_default_path ();
    }
  return self->vault_path;
}

static int
sillon_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  SillonApplication *self = SILLON_APPLICATION (app);
  const char *vault = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      /* Same wording as sillon-cli, so the two are easy to compare. */
      g_print ("sillon %s\n", sillon_version ());
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_lookup (options, "vault", "^&ay", &vault))
    {
      g_free (self->vault_path);
      self->vault_path = g_canonicalize_filename (vault, NULL);
    }

  return -1;
}

static void
on_about_activated (GSimpleAction *action,
                    GVariant *parameter,
                    gpointer user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *authors[] = { _ ("The Sillon developers"), NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (app),
                         "program-name", _ ("Sillon"),
                         "logo-icon-name", APPLICATION_ID,
                         "version", sillon_version (),
                         "comments", _ ("Assess, coach and refer people who struggle with digital public services — offline, in an encrypted vault."),
                         "authors", authors,
                         "translator-credits", _ ("translator-credits"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 The Sillon developers",
                         NULL);
}

static void
on_preferences_activated (GSimpleAction *action,
                          GVariant *parameter,
                          gpointer user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (sillon_preferences_window_new (parent)));
}

static void
on_quit_activated (GSimpleAction *action,
                   GVariant *parameter,
                   gpointer user_data)
{
  GApplication *app = G_APPLICATION (user_data);

  /* A window with work not saved (an assessment, a workshop, a form)
   * asks first, and quits again once told to. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (SILLON_IS_WINDOW (l->data) && !sillon_window_request_quit (SILLON_WINDOW (l->data)))
      return;

  /* Lock every vault and save every window's state, then leave the main
   * loop. Destroying the windows one by one instead makes GTK's
   * accessibility bridge touch freed widgets from an idle callback. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      if (SILLON_IS_WINDOW (l->data))
        sillon_window_prepare_quit (SILLON_WINDOW (l->data));
    }
  g_application_quit (app);
}

static const GActionEntry app_actions[] = {
  { "about", on_about_activated, NULL, NULL, NULL, { 0 } },
  { "preferences", on_preferences_activated, NULL, NULL, NULL, { 0 } },
  { "quit", on_quit_activated, NULL, NULL, NULL, { 0 } },
};

static const struct
{
  const char *action;
  const char *accels[4];
} app_accels[] = {
  { "app.quit", { "<Primary>q", NULL } },
  { "app.preferences", { "<Primary>comma", NULL } },
  { "win.lock", { "<Primary>l", NULL } },
  { "win.show-primary-menu", { "F10", NULL } },
  /* Actions of the pages' own groups: they apply while the focus is in
   * the page. Escape cancels a form or goes back; an action that is
   * disabled (no form shown) leaves Escape to the focused widget, such as
   * the search entry, which clears itself. */
  { "people.new-person", { "<Primary>n", NULL } },
  { "people.cancel-form", { "Escape", NULL } },
  { "people.log-session", { "<Primary><Shift>n", NULL } },
  { "person.back", { "<Alt>Left", "<Alt>KP_Left", "Escape", NULL } },
  { "person.log-session", { "<Primary><Shift>n", NULL } },
  { "person.undo", { "<Primary>z", NULL } },
  { "wizard.back", { "<Alt>Left", "<Alt>KP_Left", NULL } },
  { "wizard.cancel", { "Escape", NULL } },
  { "dashboard.back", { "<Alt>Left", "<Alt>KP_Left", NULL } },
  { "workshop.back", { "<Alt>Left", "<Alt>KP_Left", NULL } },
  { "wizard.skip", { "<Primary>Right", "<Primary>KP_Right", NULL } },
};

static void
sillon_application_startup (GApplication *app)
{
  g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (sillon_application_parent_class)->startup (app);

  g_set_application_name (_ ("Sillon"));
  gtk_window_set_default_icon_name (APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (gsize i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app),
                                           app_accels[i].action,
                                           app_accels[i].accels);

  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_screen (gdk_screen_get_default (),
                                             GTK_STYLE_PROVIDER (css),
                                             GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
sillon_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (sillon_window_new (SILLON_APPLICATION (app)));
  gtk_window_present (window);
}

static void
sillon_application_finalize (GObject *object)
{
  SillonApplication *self = SILLON_APPLICATION (object);

  g_clear_pointer (&self->vault_path, g_free);
  G_OBJECT_CLASS (sillon_application_parent_class)->finalize (object);
}

static void
sillon_application_class_init (SillonApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = sillon_application_finalize;
  app_class->handle_local_options = sillon_application_handle_local_options;
  app_class->startup = sillon_application_startup;
  app_class->activate = sillon_application_activate;
}

static void
sillon_application_init (SillonApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}
