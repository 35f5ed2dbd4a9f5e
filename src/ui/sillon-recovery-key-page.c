/* sillon-recovery-key-page.c — the recovery key, shown once after creating the vault
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-recovery-key-page.h"

#include <sodium.h>

struct _SillonRecoveryKeyPage
{
  SillonPage parent_instance;

  GtkLabel *recovery_key_label;
  GtkToggleButton *recovery_saved_check;
  GtkWidget *recovery_continue_button;
};

G_DEFINE_FINAL_TYPE (SillonRecoveryKeyPage, sillon_recovery_key_page, SILLON_TYPE_PAGE)

enum
{
  SIGNAL_ACKNOWLEDGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Two lines of groups are easier to copy by hand than one long line. The
 * label is not selectable: a clipboard manager would keep the key on disk. */
void
sillon_recovery_key_page_set_key (SillonRecoveryKeyPage *self,
                                  const char *key)
{
  g_autofree char *text = NULL;
  guint dashes = 0, seen = 0;

  g_return_if_fail (SILLON_IS_RECOVERY_KEY_PAGE (self));
  g_return_if_fail (key != NULL);

  text = g_strdup (key);
  for (const char *p = text; *p != '\0'; p++)
    dashes += (*p == '-');
  for (char *p = text; *p != '\0'; p++)
    {
      if (*p == '-' && ++seen == (dashes + 1) / 2)
        {
          *p = '\n';
          break;
        }
    }
  gtk_label_set_text (self->recovery_key_label, text);
  sodium_memzero (text, strlen (text));
  gtk_toggle_button_set_active (self->recovery_saved_check, FALSE);
}

static void
on_recovery_saved_check_toggled (SillonRecoveryKeyPage *self)
{
  gtk_widget_set_sensitive (self->recovery_continue_button,
                            gtk_toggle_button_get_active (self->recovery_saved_check));
}

static void
on_recovery_continue_button_clicked (SillonRecoveryKeyPage *self)
{
  /* The key is shown once: drop it from the widget before moving on. */
  gtk_label_set_text (self->recovery_key_label, "");
  g_signal_emit (self, signals[SIGNAL_ACKNOWLEDGED], 0);
}

static void
sillon_recovery_key_page_switch_to (SillonPage *page)
{
  SillonRecoveryKeyPage *self = SILLON_RECOVERY_KEY_PAGE (page);

  gtk_widget_grab_focus (GTK_WIDGET (self->recovery_saved_check));
}

static void
sillon_recovery_key_page_class_init (SillonRecoveryKeyPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  SILLON_PAGE_CLASS (klass)->switch_to = sillon_recovery_key_page_switch_to;

  signals[SIGNAL_ACKNOWLEDGED] = g_signal_new ("acknowledged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-recovery-key-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonRecoveryKeyPage, recovery_key_label);
  gtk_widget_class_bind_template_child (widget_class, SillonRecoveryKeyPage, recovery_saved_check);
  gtk_widget_class_bind_template_child (widget_class, SillonRecoveryKeyPage, recovery_continue_button);
  gtk_widget_class_bind_template_callback (widget_class, on_recovery_saved_check_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_recovery_continue_button_clicked);
}

static void
sillon_recovery_key_page_init (SillonRecoveryKeyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
