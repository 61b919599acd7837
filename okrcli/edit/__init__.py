"""Edits of sheets: plan the splices, apply and verify them byte for byte, write atomically; check-ins and `okr init`."""
