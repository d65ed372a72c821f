"""Ask before loading a model file that needs Keras's unsafe mode."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from dlviz.app.core_messages import core_message


def ask_to_load_unsafely(parent: QWidget, file_name: str, report) -> bool:
    """Show what the pre-scan found; True only if the person agrees.

    Consent is for this exact file: the caller passes the report's SHA-256
    to the loader, which refuses if the bytes on disk have changed since.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("UnsafeModelDialog",
                                              "This model file can run code"))
    box.setText(QCoreApplication.translate(
        "UnsafeModelDialog", "<b>{0}</b> contains parts that Keras will only load with safe mode "
        "off. Loading it runs Python code stored in the file.<br><br>Load it only if you trust "
        "where it came from.").format(file_name))
    box.setInformativeText("\n".join(f"• {core_message(r)}" for r in report.unsafe_reasons))
    box.setDetailedText("\n".join(core_message(line) for line in report.describe().split("\n")))
    load = box.addButton(QCoreApplication.translate("UnsafeModelDialog", "Load anyway"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QCoreApplication.translate("UnsafeModelDialog", "Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)  # Enter must never mean "run the code"
    box.exec()
    return box.clickedButton() is load
