/* sillon-questionnaire-strings.h — translatable strings of the assessment data files
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The questionnaire, the orientation rules and the quick assessment are JSON data files whose
 * translatable strings sit under keys starting with "_" (_title, _label,
 * _question, _help). xgettext cannot read them there, so they are listed
 * here, once each, for extraction. test-questionnaire checks that this list
 * and the shipped data files contain exactly the same strings: edit both
 * together. Nothing includes this file but that test. */

#pragma once

#include <glib/gi18n-lib.h>

G_BEGIN_DECLS

static const char *const sillon_questionnaire_strings[] = {
  /* questionnaire-v1.json */
  N_ ("Digital autonomy assessment: can, wants, knows"),
  N_ ("No device at home"),
  N_ ("Only a basic mobile phone, without internet"),
  N_ ("A smartphone or a tablet"),
  N_ ("A computer (with or without a smartphone)"),
  N_ ("No internet connection"),
  N_ ("Mobile data only, often used up or with a poor signal"),
  N_ ("Mobile data that is usually enough"),
  N_ ("Internet at home (box, fibre) that works well"),
  N_ ("I cannot pay for it"),
  N_ ("It is hard to pay for, I sometimes go without"),
  N_ ("It is manageable"),
  N_ ("It is not a problem"),
  N_ ("Yes, I cannot use a screen without someone’s help"),
  N_ ("Yes, I would need an adaptation I do not have"),
  N_ ("Yes, but I have what I need"),
  N_ ("No"),
  N_ ("No adaptation needed"),
  N_ ("Larger text, a magnifier or stronger contrast"),
  N_ ("A screen reader or voice control"),
  N_ ("Subtitles, or written exchanges instead of phone calls"),
  N_ ("An adapted mouse or keyboard"),
  N_ ("Easy-to-read language and step-by-step help"),
  N_ ("Another adaptation (see the notes)"),
  N_ ("Does not read French"),
  N_ ("Reads a few words"),
  N_ ("Reads simple texts"),
  N_ ("Reads easily"),
  N_ ("Does not write French"),
  N_ ("Writes a few words"),
  N_ ("Writes simple sentences"),
  N_ ("Writes easily"),
  N_ ("Yes, but I cannot get into it (lost password, someone else manages it)"),
  N_ ("Yes, and I can get into it"),
  N_ ("No mobile phone"),
  N_ ("A shared phone, or one I do not always have with me"),
  N_ ("My own mobile phone"),
  N_ ("None I can get to"),
  N_ ("Yes, but it is hard to get to (transport, opening hours)"),
  N_ ("Yes, easy to get to"),
  N_ ("Not useful at all"),
  N_ ("A little useful"),
  N_ ("Fairly useful"),
  N_ ("Very useful"),
  N_ ("Very worried, I avoid it"),
  N_ ("Worried"),
  N_ ("A little worried"),
  N_ ("Not worried"),
  N_ ("On the internet, on my own"),
  N_ ("On the internet, with someone’s help"),
  N_ ("By phone"),
  N_ ("Face to face, at a counter"),
  N_ ("By post, on paper"),
  N_ ("I refuse to use digital services"),
  N_ ("I want someone to do it for me"),
  N_ ("I want someone to do it with me"),
  N_ ("I want to learn, with help"),
  N_ ("I want to learn to do it on my own"),
  N_ ("Yes, serious ones (scam, lost benefits, blocked file)"),
  N_ ("Yes, one that still worries me"),
  N_ ("Only small difficulties"),
  N_ ("No bad experience"),
  /* Translators: savoir skill level 0 (« ne sait pas »), one of the four national levels. */
  N_ ("Does not know how"),
  /* Translators: savoir skill level 1 (« avec aide »), one of the four national levels. */
  N_ ("With help"),
  /* Translators: savoir skill level 2 (« seul avec difficulté »), one of the four national levels. */
  N_ ("Alone, with difficulty"),
  /* Translators: savoir skill level 3 (« autonome »), one of the four national levels. */
  N_ ("Autonomous"),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("What do you have at home to go on the internet: a computer, a tablet, a smartphone?"),
  N_ ("Count only the devices the person can use when they need them, not a relative’s computer they seldom get to use."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("How do you connect to the internet at home?"),
  N_ ("A phone plan with very little data counts as “often used up”."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Is it hard for you to pay for your phone, your internet or your equipment?"),
  N_ ("Do not ask for figures. Social tariffs and solidarity offers exist: this answer helps to suggest them."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Is it hard for you to see, hear, use your hands or remember things when you use a screen?"),
  N_ ("Ask gently. The person does not have to say why, and no health information goes into the notes. Record the adaptation in the next question."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("What would make the screen easier for you to use?"),
  N_ ("Not scored: it tells which accessibility solution to prepare. Choose the main need."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Can you read a letter or a web page in French?"),
  N_ ("If possible, let the person read a short sentence on screen rather than asking."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Can you write a short message in French, for example to answer an administration?"),
  N_ ("Spelling does not matter: the question is whether the person can make themselves understood in writing."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Do you have an email address of your own that you can open?"),
  N_ ("An address created by a relative or a former mediator whose password is lost counts as “cannot get into it”."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Do you have an account that works with FranceConnect, such as impots.gouv.fr, ameli, MSA or the La Poste digital identity?"),
  N_ ("One such account is enough to log in to most public services through FranceConnect."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Do you have a mobile phone of your own that can receive text messages, for example security codes?"),
  N_ ("Many procedures send a code by SMS: a phone shared with someone else makes this harder."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Is there a place near you where you can use a computer and the internet for free, with someone to help, such as France Services, the library or the town hall?"),
  N_ ("Think of transport and opening hours, not only of distance."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Do you think the internet can be useful in your daily life?"),
  N_ ("Record the person’s own view, even if it differs from yours."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Are you afraid of being scammed on the internet?"),
  N_ ("A strong fear is a reason to build trust first, not a reason to give up."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Are you afraid of making a mistake that cannot be undone, for example in a declaration or a payment?"),
  N_ ("Fear of a wrong declaration is common among people whose benefits depend on it."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Are you worried about what happens to your personal information on the internet?"),
  N_ ("Some worry is healthy: only a fear that stops the person from acting lowers this axis."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("For your procedures, how do you prefer to deal with the administration?"),
  N_ ("Not scored. Refusing digital services is a right, not a failure: record the answer as it is given, without trying to convince."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Would you rather learn to do things yourself, or have them done for you?"),
  N_ ("Both answers are legitimate. Doing it for the person requires a mandate (Aidants Connect)."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Have you had bad experiences with the internet or with online procedures?"),
  N_ ("If the person wants to tell the story, listen; note only what helps the follow-up, never sensitive details."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Can you switch on a computer or a smartphone, and use the mouse, the keyboard or the touch screen?"),
  N_ ("Watch the person do it on the counter’s device if they agree."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Can you find information on the internet, for example the opening hours of the town hall, and go from page to page?"),
  N_ ("Searching and browsing: typing a search, choosing a result, going back."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Can you read your emails and send one?"),
  N_ ("Includes finding a message in the inbox and replying to it."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Can you attach a document to an email, and open one you received?"),
  N_ ("Attachments are how most proofs reach an administration."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Can you take a photo or a scan of a paper document, such as a proof of address, that is easy to read?"),
  N_ ("A readable photo: whole page, in focus, well lit."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Can you find a file you downloaded or saved, for example in the Downloads folder?"),
  N_ ("On a smartphone, the gallery and the files application count."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Can you open, save and send a PDF document?"),
  N_ ("For example a certificate downloaded from a public service website."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Can you log in to your online accounts, for example with FranceConnect?"),
  N_ ("Includes getting back in after a forgotten password."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Can you fill in an online form and send it?"),
  N_ ("Includes mandatory fields, drop-down lists and adding a proof."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Can you check where your file stands on a website and find the answers you received?"),
  N_ ("Following a file: personal space, messages, notifications."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Can you choose a strong password and keep your passwords safe?"),
  N_ ("Never ask for the person’s passwords."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Can you recognise a fake message or a fake website that asks for your information or money?"),
  N_ ("Phishing: show a real-looking example if the person is unsure."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Do you know which personal information you can give on the internet, and to whom?"),
  N_ ("Personal data: what a public service may ask for, what nobody should."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Can you read and send text messages?"),
  N_ ("Includes reading a security code received by SMS."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Can you make a video call, for example with your family or for an appointment?"),
  N_ ("Any application counts."),
  /* Translators: read aloud by the mediator: plain French, « vous ». */
  N_ ("Can you install an application on a smartphone and use it?"),
  N_ ("Includes finding the application in the store and giving it only the permissions it needs."),

  /* orientation-rules-v1.json */
  N_ ("Find affordable equipment (refurbished device, solidarity offer)"),
  N_ ("Find an affordable internet connection (social tariff, solidarity offer)"),
  N_ ("Refer to a social support structure for the cost of equipment and connection"),
  N_ ("Set up accessibility solutions (magnifier, screen reader, adapted devices, easy-to-read help)"),
  N_ ("Suggest French language or literacy classes"),
  N_ ("Create or recover an email address, an account usable with FranceConnect and a phone for SMS codes"),
  N_ ("Point to a public access point nearby, with free equipment and help"),
  N_ ("Respect the refusal of digital services and record it"),
  N_ ("Keep a non-digital channel open: paper, phone or counter"),
  N_ ("Do the urgent procedure for the person under a mandate (Aidants Connect)"),
  N_ ("Trust-building workshop: safe use, avoiding scams, fixing mistakes"),
  N_ ("Individual coaching sessions"),
  N_ ("Workshops, beginner level"),
  N_ ("Workshops, intermediate level"),
  N_ ("Workshops, advanced level"),
  /* quick-assessment-v1.json */
  /* Translators: the title of the short form a mediator chooses at the start of an assessment. */
  N_ ("Quick assessment: ten questions, about two minutes"),
  N_ ("Ten questions of the full assessment give a first score on each axis and a provisional degree. The full assessment can continue later from where this one stopped: the answers given here are kept."),
  NULL,
};

G_END_DECLS
