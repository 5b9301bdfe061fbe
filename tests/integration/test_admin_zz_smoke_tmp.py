import sys
sys.path.insert(0, "/work/main")
from tests.integration.admin_client import sign_in
def test_smoke(client, admin_password):
    sign_in(client, admin_password)
    for url in ["/admin", "/admin/sales/orders", "/admin/catalog/products", "/admin/catalog/products/edit?sku=24-WB01",
                "/admin/inventory/sources", "/admin/inventory/sources/edit?code=default", "/admin/inventory/sources/edit",
                "/admin/inventory/stocks", "/admin/inventory/stocks/edit?stock_id=1", "/admin/inventory/stocks/edit",
                "/admin/inventory/reservations", "/admin/inventory/low-stock", "/admin/stores", "/admin/stores/configuration"]:
        r = client.get(url)
        assert r.status_code == 200, (url, r.text[-3000:])
        print(url, len(r.text))
