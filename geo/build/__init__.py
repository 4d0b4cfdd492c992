"""The data build: ``python -m geo.build`` derives ``data/*.geojson`` from the GSHHG coastlines
(see ``geometry``), and ``--check`` proves the committed files byte for byte."""
