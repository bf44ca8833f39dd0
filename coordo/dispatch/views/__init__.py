"""Dispatch pages, by area: arrivals and screenings, the network, batches and fairness."""
