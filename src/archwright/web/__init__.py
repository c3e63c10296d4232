"""The web interface: `archwright serve` (pages + HTTP API) over one data layer."""
