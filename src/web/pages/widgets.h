/* widgets.h: the form controls of every page, one family: a labelled input, textarea or select,
 * a check box or a radio button. One Widget says what a control shows, whatever its kind: its
 * id (which its <label for> names), field name and label, the value kept after a failed post
 * (or the initial one), whether it is required, and the error that failed post gave, shown
 * beside the control in page_field_error's markup (<p class="field-error" id="err-NAME">).
 * Everything goes through the HTML builder (io/html.h): every string is escaped. */
#ifndef MOTCUA_WIDGETS_H
#define MOTCUA_WIDGETS_H

#include "util/err.h"
#include "util/strbuf.h"

/* What one control shows. Only id, name and label are required; a zero or NULL member is
 * left out of the markup. Written with designated initializers:
 *     widget_input(sb, &(Widget){.id = "u-code", .name = "code", .label = "Mã đơn vị",
 *                                .value = u->code, .required = 1, .err = err}); */
typedef struct Widget {
    const char *id;        /* the control's id, the target of its <label for> */
    const char *name;      /* the form field's name */
    const char *label;     /* the label's text */
    const char *type;      /* an input's type: "text" when NULL, "password", "number", "date",
                              "search", "tel", "email", "file", ...; a check: "checkbox" when NULL,
                              or "radio" */
    const char *value;     /* the value shown (kept from a failed post, or the initial one); for a
                              check box or radio button, the value it submits */
    const char *hint;      /* a short note: muted after the label of an input, textarea or select;
                              bold after the label text of a check box or radio button */
    const Err *err;        /* the failed post's error, shown beside the control when it is about
                              this field; NULL: none */
    const char *err_field; /* the field name the error is about, when not `name` */
    int required;
    int checked;   /* a check box or radio button starts ticked */
    int autofocus; /* the page opens with the focus here */
    int bare;      /* no <div> around label and control: for one-line forms (class "actions")
                      whose label and control sit side by side */
    const char *autocomplete, *inputmode, *pattern, *placeholder, *accept;
    const char *filter;    /* data-filter: the list assets/app.js narrows as one types */
    const char *min, *max; /* bounds of a number input; its min is "0" when NULL and its step 1 */
    int minlength, maxlength;
    int rows;          /* a textarea's height in lines */
    int no_spellcheck; /* spellcheck="false" (codes, tab-separated data) */
    const char *none;  /* a select's first option, empty-valued, with this label */
} Widget;

/* widget_input appends <div><label>, the hint, the <input> and the error</div>. */
void widget_input(StrBuf *sb, const Widget *w);

/* widget_textarea appends <div><label>, the hint, the <textarea> holding w->value and the
 * error</div>. */
void widget_textarea(StrBuf *sb, const Widget *w);

/* widget_select_begin appends <div><label>, the hint, <select> and the `none` option; the
 * caller appends the <option>s (html_option) and closes with widget_select_end(sb, w), which
 * appends </select>, the error and </div>. */
void widget_select_begin(StrBuf *sb, const Widget *w);
void widget_select_end(StrBuf *sb, const Widget *w);

/* widget_check appends a check box or radio button inside its label: <label class="check">
 * <input type="checkbox" ...> text</label>, then its error. No <div> around it: check boxes
 * and radio buttons come in groups (a fieldset, a row), and the error about a group follows
 * the group (page_field_error), so its members leave err NULL. */
void widget_check(StrBuf *sb, const Widget *w);

#endif
