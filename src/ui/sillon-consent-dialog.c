/* sillon-consent-dialog.c — record what a person agreed to, and when
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-consent-dialog.h"

#include <glib/gi18n.h>

#include "sillon-date-entry.h"
#include "sillon-message-label.h"
#include "sillon-widget-util.h"

G_DEFINE_QUARK (sillon - consent - dialog - error - quark, sillon_consent_dialog_error)

struct _SillonConsentDialog
{
  GtkDialog parent_instance;

  gint64 beneficiary_id;

  GtkLabel *message_label;
  GtkEntry *date_entry;
  GtkTextView *told_view;
  GtkToggleButton *record_check;
  GtkToggleButton *share_check;
};

G_DEFINE_FINAL_TYPE (SillonConsentDialog, sillon_consent_dialog, GTK_TYPE_DIALOG)

char *
sillon_consent_describe_scope (const char *scope)
{
  g_auto (GStrv) words = g_strsplit (scope != NULL ? scope : "", ",", -1);
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = g_strstrip (words[i]);
      const char *label;

      if (word[0] == '\0')
        continue;
      if (g_str_equal (word, SILLON_CONSENT_SCOPE_RECORD))
        label = _ ("a record of their visits and assessments");
      else if (g_str_equal (word, SILLON_CONSENT_SCOPE_SHARE_REFERRAL))
        label = _ ("sharing a summary when referred");
      else
        label = word;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, label);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

SillonConsentDialog *
sillon_consent_dialog_new (GtkWindow *parent, gint64 beneficiary_id)
{
  SillonConsentDialog *self = g_object_new (SILLON_TYPE_CONSENT_DIALOG, "use-header-bar", TRUE,
                                            "transient-for", parent, NULL);
  g_autofree char *today = sillon_date_entry_text_today ();

  self->beneficiary_id = beneficiary_id;
  gtk_entry_set_text (self->date_entry, today);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->told_view),
                            _ ("What is kept about them and why, who can read it, that nothing leaves this computer "
                               "without their agreement, and that they can see, correct or erase it at any time."),
                            -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->told_view));
  return self;
}

SillonConsent *
sillon_consent_dialog_get_consent (SillonConsentDialog *self, GError **error)
{
  g_autoptr (SillonConsent) consent = sillon_consent_new ();
  g_autoptr (GPtrArray) scopes = g_ptr_array_new ();
  g_autoptr (GError) date_error = NULL;
  g_autofree char *date = sillon_date_entry_parse (gtk_entry_get_text (self->date_entry), &date_error);
  g_autofree char *told = NULL;

  g_return_val_if_fail (SILLON_IS_CONSENT_DIALOG (self), NULL);

  if (date == NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->date_entry));
      g_set_error_literal (error, SILLON_CONSENT_DIALOG_ERROR, SILLON_CONSENT_DIALOG_ERROR_INVALID,
                           date_error->message);
      return NULL;
    }
  told = sillon_text_view_dup_text (self->told_view);
  if (told == NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->told_view));
      g_set_error_literal (error, SILLON_CONSENT_DIALOG_ERROR, SILLON_CONSENT_DIALOG_ERROR_INVALID,
                           _ ("Say what the person was told: a consent means nothing without it."));
      return NULL;
    }
  if (gtk_toggle_button_get_active (self->record_check))
    g_ptr_array_add (scopes, (gpointer) SILLON_CONSENT_SCOPE_RECORD);
  if (gtk_toggle_button_get_active (self->share_check))
    g_ptr_array_add (scopes, (gpointer) SILLON_CONSENT_SCOPE_SHARE_REFERRAL);
  if (scopes->len == 0)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->record_check));
      g_set_error_literal (error, SILLON_CONSENT_DIALOG_ERROR, SILLON_CONSENT_DIALOG_ERROR_INVALID,
                           _ ("Tick what the person agrees to."));
      return NULL;
    }
  g_ptr_array_add (scopes, NULL);

  consent->beneficiary_id = self->beneficiary_id;
  consent->date = g_steal_pointer (&date);
  consent->told = g_steal_pointer (&told);
  consent->scope = g_strjoinv (",", (char **) scopes->pdata);
  return g_steal_pointer (&consent);
}

void
sillon_consent_dialog_show_error (SillonConsentDialog *self, const char *message)
{
  g_return_if_fail (SILLON_IS_CONSENT_DIALOG (self));

  sillon_message_label_set (self->message_label, message);
}

static void
sillon_consent_dialog_class_init (SillonConsentDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-consent-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonConsentDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, SillonConsentDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonConsentDialog, told_view);
  gtk_widget_class_bind_template_child (widget_class, SillonConsentDialog, record_check);
  gtk_widget_class_bind_template_child (widget_class, SillonConsentDialog, share_check);
}

static void
sillon_consent_dialog_init (SillonConsentDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
