/* sillon-referrals-page.c — the referrals area: referrals to follow up
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A referral helps only if the person goes. The referrals nobody has
 * news of yet are listed here, newest first, so that the mediator asks
 * (or calls the place) and records what became of each: marked honoured,
 * not honoured or unknown, a referral leaves the list.
 */

#include "config.h"

#include "sillon-referrals-page.h"

#include <glib/gi18n.h>

#include "sillon-date-entry.h"
#include "sillon-list-row.h"
#include "sillon-message-label.h"
#include "sillon-people-page.h"
#include "sillon-referral-status-dialog.h"
#include "sillon-widget-util.h"

struct _SillonReferralsPage
{
  SillonPage parent_instance;

  GtkWidget *dialog; /* the follow-up dialog, while open */

  GtkComboBoxText *age_combo;
  GtkLabel *message_label;
  GtkLabel *count_label;
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (SillonReferralsPage, sillon_referrals_page, SILLON_TYPE_PAGE)

static char *
person_name (const SillonReferralFollowUp *f)
{
  SillonBeneficiary b = { 0 };

  b.id = f->referral->beneficiary_id;
  b.first_name = f->first_name;
  b.last_name = f->last_name;
  return sillon_beneficiary_dup_display_name (&b);
}

static GtkWidget *
follow_up_row (const SillonReferralFollowUp *f)
{
  g_autofree char *name = person_name (f);
  g_autofree char *title = sillon_referral_describe (name, f->place_name, f->place_commune, f->referral->date);
  GtkWidget *row = sillon_list_row_new (title, f->referral->reason != NULL ? f->referral->reason : "", "referral-id",
                                        f->referral->id);

  g_object_set_data_full (G_OBJECT (row), "summary", g_steal_pointer (&title), g_free);
  return row;
}

void
sillon_referrals_page_refresh (SillonReferralsPage *self)
{
  SillonStore *store;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;
  const char *age;

  g_return_if_fail (SILLON_IS_REFERRALS_PAGE (self));

  sillon_list_box_clear (self->list);
  gtk_label_set_text (self->count_label, "");
  sillon_message_label_set (self->message_label, NULL);
  store = sillon_page_get_store (SILLON_PAGE (self));
  if (store == NULL)
    return;
  age = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->age_combo));
  list = sillon_store_list_referrals_to_follow_up (store, age != NULL ? (guint) g_ascii_strtoull (age, NULL, 10) : 0,
                                                   NULL, &error);
  if (list == NULL)
    {
      /* Translators: %s is the technical reason. */
      sillon_message_label_set_printf (self->message_label, _ ("The referrals cannot be read: %s"), error->message);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    gtk_container_add (GTK_CONTAINER (self->list), follow_up_row (list->pdata[i]));
  if (list->len > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u referral waits for news.",
                                                            "%u referrals wait for news.", list->len),
                                               list->len);

      gtk_label_set_text (self->count_label, text);
    }
  else
    gtk_label_set_text (self->count_label, _ ("No referral is waiting for news."));
}

static void
on_age_combo_changed (SillonReferralsPage *self)
{
  sillon_referrals_page_refresh (self);
}

static void
on_dialog_response (SillonReferralsPage *self, int response)
{
  SillonReferralStatusDialog *dialog = SILLON_REFERRAL_STATUS_DIALOG (self->dialog);
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));

  if (response == GTK_RESPONSE_OK && store != NULL && !sillon_referral_status_dialog_save (dialog, store))
    return;
  gtk_widget_destroy (GTK_WIDGET (dialog));
  if (response != GTK_RESPONSE_OK)
    return;
  sillon_referrals_page_refresh (self);
  if (!gtk_widget_child_focus (GTK_WIDGET (self->list), GTK_DIR_TAB_FORWARD))
    gtk_widget_grab_focus (GTK_WIDGET (self->age_combo));
}

static void
on_list_row_activated (SillonReferralsPage *self, GtkListBoxRow *row)
{
  gint64 id = sillon_list_row_get_id (row, "referral-id");

  if (id == 0 || self->dialog != NULL)
    return;
  self->dialog = GTK_WIDGET (sillon_referral_status_dialog_new (sillon_widget_get_window (GTK_WIDGET (self)), id,
                                                                g_object_get_data (G_OBJECT (row), "summary"),
                                                                SILLON_REFERRAL_ISSUED));
  g_object_add_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  g_signal_connect_swapped (self->dialog, "response", G_CALLBACK (on_dialog_response), self);
  gtk_window_present (GTK_WINDOW (self->dialog));
}

static void
sillon_referrals_page_switch_to (SillonPage *page)
{
  SillonReferralsPage *self = SILLON_REFERRALS_PAGE (page);
  GtkListBoxRow *first;

  sillon_referrals_page_refresh (self);
  first = gtk_list_box_get_row_at_index (self->list, 0);
  gtk_widget_grab_focus (first != NULL ? GTK_WIDGET (first) : GTK_WIDGET (self->age_combo));
}

/* The header bar's switcher shows the area without switch_to: read the
 * list each time it comes on screen, so it is never stale. */
static void
sillon_referrals_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sillon_referrals_page_parent_class)->map (widget);
  sillon_referrals_page_refresh (SILLON_REFERRALS_PAGE (widget));
}

static void
sillon_referrals_page_locked (SillonPage *page)
{
  SillonReferralsPage *self = SILLON_REFERRALS_PAGE (page);

  if (self->dialog != NULL)
    gtk_widget_destroy (self->dialog);
  sillon_referrals_page_refresh (self);
}

static void
sillon_referrals_page_dispose (GObject *object)
{
  SillonReferralsPage *self = SILLON_REFERRALS_PAGE (object);

  if (self->dialog != NULL)
    gtk_widget_destroy (self->dialog);
  G_OBJECT_CLASS (sillon_referrals_page_parent_class)->dispose (object);
}

static void
sillon_referrals_page_class_init (SillonReferralsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sillon_referrals_page_dispose;
  widget_class->map = sillon_referrals_page_map;
  SILLON_PAGE_CLASS (klass)->switch_to = sillon_referrals_page_switch_to;
  SILLON_PAGE_CLASS (klass)->locked = sillon_referrals_page_locked;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-referrals-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonReferralsPage, age_combo);
  gtk_widget_class_bind_template_child (widget_class, SillonReferralsPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, SillonReferralsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, SillonReferralsPage, list);
  gtk_widget_class_bind_template_callback (widget_class, on_age_combo_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_list_row_activated);
}

static void
sillon_referrals_page_init (SillonReferralsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The combo box's pop-up is a control of its own for a screen reader. */
  sillon_combo_box_name_popup (GTK_COMBO_BOX (self->age_combo), NULL);
}
