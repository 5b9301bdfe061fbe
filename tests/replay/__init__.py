"""Replay of Magento's MSI REST tutorial fixtures against sellable."""
