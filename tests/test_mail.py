"""Email goes out through a real SMTP server on loopback, configured from the settings."""

from email.message import EmailMessage

import pytest

from jobboard.mail import MailError, SmtpServer, send, smtp_server


def _message(to="ana@example.ca") -> EmailMessage:
    message = EmailMessage()
    message["To"] = to
    message["Subject"] = "Emplois : développeur"
    message.set_content("Bonjour\u00a0!")
    return message


def test_a_message_reaches_the_server_with_the_configured_sender(smtp_server):
    settings = {"SMTP_URL": smtp_server.url, "MAIL_FROM": "jobs@example.ca",
                "MAIL_REPLY_TO": "help@example.ca"}
    send(settings, _message())
    (sender, recipients, received), = smtp_server.wait_for(1)
    assert (sender, recipients) == ("jobs@example.ca", ["ana@example.ca"])
    assert received["Reply-To"] == "help@example.ca"
    assert received["Subject"] == "Emplois : développeur"
    assert received.get_content().strip() == "Bonjour\u00a0!"


def test_a_refusing_server_is_a_mail_error_naming_the_recipient(smtp_server):
    smtp_server.refuse = True
    with pytest.raises(MailError, match="ana@example.ca"):
        send({"SMTP_URL": smtp_server.url, "MAIL_FROM": "jobs@example.ca"}, _message())


def test_an_unreachable_server_is_a_mail_error(smtp_server):
    url = smtp_server.url.rsplit(":", 1)[0] + ":1"
    with pytest.raises(MailError, match="127.0.0.1:1"):
        send({"SMTP_URL": url, "MAIL_FROM": "jobs@example.ca"}, _message())


@pytest.mark.parametrize(("settings", "problem"), [
    ({}, "JOBBOARD_SMTP_URL is not set"),
    ({"SMTP_URL": "http://mail.example.ca"}, "smtp://host:port"),
    ({"SMTP_URL": "smtp://mail.example.ca:99999"}, "JOBBOARD_SMTP_URL"),
])
def test_missing_or_wrong_settings_say_which(settings, problem):
    with pytest.raises(MailError, match=problem):
        smtp_server(settings)


def test_send_without_a_sender_says_which_setting():
    with pytest.raises(MailError, match="JOBBOARD_MAIL_FROM"):
        send({"SMTP_URL": "smtp://127.0.0.1:1"}, _message())


def test_url_forms_and_password_setting():
    assert smtp_server({"SMTP_URL": "smtp://mail.example.ca"}) == SmtpServer(
        "smtp", "mail.example.ca", 25, None, None, False)
    assert smtp_server({"SMTP_URL": "smtps://bot%40example.ca:s3cr%2Ft@mail.example.ca"}) == \
        SmtpServer("smtps", "mail.example.ca", 465, "bot@example.ca", "s3cr/t", False)
    assert smtp_server({"SMTP_URL": "smtp://bot@mail.example.ca:587?starttls=1",
                        "SMTP_PASSWORD": "from-env"}) == SmtpServer(
        "smtp", "mail.example.ca", 587, "bot", "from-env", True)
