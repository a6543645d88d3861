"""What each content problem says: one English template per code, marked for translation.

The core words a problem with `problems.problem(file, line, field, code, **params)`: the CLI and
the reindex report print the English; the HR pages translate the same template (Babel finds
it through `_l` below) and fill in the same parameters, so French HR pages show French.
"""

from __future__ import annotations


def _l(text: str) -> str:
    """Marks a template for extraction into the catalogue; the HR pages translate it."""
    return text


# code -> (what is wrong, how to fix it); %(name)s are the problem's parameters.
MESSAGES: dict[str, tuple[str, str]] = {
    # the file cannot be used
    "unreadable": (_l("cannot be read (%(error)s)"), _l("check the file’s permissions")),
    "link_file": (_l("this file is a symbolic link; only regular files inside the content "
                     "folder are read"), _l("replace the link with the file itself, or remove it")),
    "link_folder": (_l("this folder is a symbolic link; only regular files inside the content "
                       "folder are read"),
                    _l("replace the link with the folder itself, or remove it")),
    "link_loops": (_l("this file is a symbolic link (it loops); only regular files inside the "
                      "content folder are read"),
                   _l("replace the link with the file itself, or remove it")),
    "link_dangling": (_l("this file is a symbolic link (it points nowhere); only regular files "
                         "inside the content folder are read"),
                      _l("replace the link with the file itself, or remove it")),
    "not_regular": (_l("this is not a regular file"),
                    _l("replace it with a Markdown file or remove it")),
    "nul_char": (_l("the file holds a NUL character (byte 0)"),
                 _l("remove it: save the file again as UTF-8 text")),
    "empty": (_l("the file is empty"),
              _l("add front matter (--- title: … ---) and a body, or delete it")),
    "too_big": (_l("the file is %(size)s KiB, over the %(limit)s KiB limit"),
                _l("shorten the body or split the posting")),
    "binary": (_l("this is a binary file, not Markdown text"),
               _l("replace it with a UTF-8 Markdown file or remove it")),
    "not_utf8": (_l("byte 0x%(byte)s is not valid UTF-8"),
                 _l("save the file as UTF-8 (it looks like Windows-1252 or Latin-1)")),
    "no_front_matter": (_l("the file has no front matter"),
                        _l("start the file with a line ---, then title: …, then ---")),
    "front_matter_not_fields": (_l("the front matter is not a list of fields"),
                                _l("write one field per line: title: \"…\"")),
    "no_title": (_l("the title is missing"), _l("add title: \"…\" to the front matter")),
    "lang_unknown": (_l("the language is unknown"),
                     _l("put the file under en/ or fr/, or add lang: en|fr")),
    "folder_unreadable": (_l("the folder cannot be read (%(error)s)"),
                          _l("check that it exists and its permissions")),
    "yaml_single_quotes": (_l("the %(field)s contains an apostrophe inside single quotes"),
                           _l("use double quotes: %(field)s: \"%(value)s\" (or the typographic "
                              "apostrophe ’)")),
    "yaml_double_quotes": (_l("the %(field)s contains a double quote inside double quotes"),
                           _l("use single quotes around the %(field)s or “ ”")),
    "yaml_not_indented": (_l("line %(line)s is not indented, so YAML reads it as a new field "
                             "inside the front matter"),
                          _l("indent that paragraph by two spaces like the lines above it, or "
                             "join it to them")),
    "yaml_not_indented_in": (_l("line %(line)s is not indented, so YAML reads it as a new field "
                                "inside the front matter and the %(field)s ends before it"),
                             _l("indent that paragraph by two spaces like the lines above it, "
                                "or join it to them")),
    "yaml_invalid": (_l("the front matter is not valid YAML (%(detail)s)"),
                     _l("check quotes, colons and indentation on that line")),
    # the file is used without one value
    "control_chars": (_l("the file holds control characters (U+%(char)s), which were removed"),
                      _l("remove them from the file")),
    "field_control_chars": (_l("the %(field)s holds control characters, which were removed"),
                            _l("remove the escapes such as \\x01 or \\0 from that field")),
    "accommodation_keys": (_l("unknown key(s) %(keys)s"), _l("use email: and phone: only")),
    "accommodation_email": (_l("“%(value)s” is not an email address"),
                            _l("write %(field)s: name@example.gc.ca")),
    "accommodation_phone": (_l("“%(value)s” is not a telephone number"),
                            _l("write phone: \"613-555-0100\" (an extension may follow: "
                               "ext. 12)")),
    "lang_invalid": (_l("“%(value)s” is not en or fr"), _l("write lang: en or lang: fr")),
    "lang_mismatch": (_l("lang says %(declared)s but the file is in %(folder)s/"),
                      _l("move the file or correct lang")),
    "not_boolean": (_l("“%(value)s” is not true or false"),
                    _l("write %(field)s: true or %(field)s: false")),
    "not_date": (_l("“%(value)s” is not a date"),
                 _l("write %(field)s: YYYY-MM-DD, e.g. 2027-01-31")),
    "not_amount": (_l("“%(value)s” is not an amount in dollars"),
                   _l("write %(field)s: 75000 (whole dollars a year)")),
    "bad_classification": (_l("“%(value)s”: %(detail)s"),
                           _l("use a code such as IT-03, AS-02 or EC-05")),
    "bad_requirement": (_l("“%(value)s” is not a language requirement"),
                        _l("use one of: %(known)s")),
    "bad_profile": (_l("“%(value)s” is not a profile"), _l("write it as BBB/BBB or CBC/CBC")),
    "bad_tenure": (_l("“%(value)s” is not a known tenure"), _l("use one of: %(known)s")),
    "salary_order": (_l("salary_max %(high)s is below salary_min %(low)s"),
                     _l("swap the two amounts")),
    "duplicate_key": (_l("translationKey “%(key)s” is used by %(count)s %(lang)s files; this "
                         "copy was dropped in favour of %(kept)s"),
                      _l("give each posting its own translationKey, or delete the old copy")),
    # content lint (jobboard/lint.py): the posting is shown, but not as it should be
    "placeholder": (_l("this looks like a test or placeholder posting (“%(found)s”), so "
                       "candidates do not see it"),
                    _l("delete the file, or write draft: false if it is a real posting")),
    "open_without_closing": (_l("the posting is open but has no closing date"),
                             _l("add closing_date: YYYY-MM-DD, or archived: true if it is "
                                "filled")),
    "open_too_long": (_l("the posting has no closing date and was posted on %(posted)s, more "
                         "than %(days)s days ago, so the board shows it as closed"),
                      _l("add closing_date: YYYY-MM-DD to reopen it, or archived: true")),
    "html_text": (_l("the %(field)s is written as HTML (“%(sample)s”), shown as text"),
                  _l("write the %(field)s as plain text, without tags or &#…; codes")),
    "skipped_heading": (_l("the heading “%(heading)s” is at level %(level)s right after level "
                           "%(before)s, so levels are skipped (the board renumbers it)"),
                        _l("use %(marks)s for this heading")),
    "vague_link": (_l("the link text “%(text)s” does not say where it leads"),
                   _l("use words that name the destination, e.g. “the application form”")),
    "image_without_alt": (_l("an image has no alt text (%(src)s); images are not shown on "
                             "the board"),
                          _l("describe what the image shows in the text, or remove it")),
    "insecure_link": (_l("the link %(url)s does not use HTTPS"),
                      _l("use https:// if the site supports it, or link another page")),
    "missing_translation": (_l("the posting is open but has no %(other)s version"),
                            _l("add a file in %(other)s/ with translationKey: %(key)s")),
    "open_twice": (_l("“%(title)s” is open under %(count)s translation keys: %(files)s"),
                   _l("archive or delete the copies, or give each posting its own title")),
    "pair_status_conflict": (_l("the English and French files disagree on the status: "
                                "%(mine)s here, %(theirs)s in %(other_file)s; the board shows "
                                "the posting as %(shown)s in both languages"),
                             _l("make both files say the same")),
    "pair_closing_conflict": (_l("the English and French files disagree on the closing date: "
                                 "%(mine)s here, %(theirs)s in %(other_file)s; the board closes "
                                 "the posting on %(shown)s"),
                              _l("make both files say the same")),
    "pair_requirement_conflict": (_l("the English and French files disagree on the language "
                                     "requirement: %(mine)s here, %(theirs)s in "
                                     "%(other_file)s; each page shows its own file’s"),
                                  _l("make both files say the same")),
}
