"""Packages emitted by botogen, one per service. Do not edit."""
