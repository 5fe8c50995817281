#!/bin/sh
# Demo traffic through Kong (compose service "traffic", curlimages/curl): about 20 requests/s of
# mostly good requests plus a steady share of the things the dashboards and alerts are about.
# Every 4xx/5xx here is deliberate; see compose/kong/kong.yml for the routes.
#
#   per loop   GET  /catalog/items        public, 0-160 ms upstream delay      200
#              GET  /orders/42            consumer mobile-app                   200
#              POST /orders               consumer partner-acme                 200
#              GET  /reports/daily        no auth, read timeout 2 s             200
#   every 3rd  3 x GET /payments          partner-acme, limit 2/s               200 or 429
#   every 5th  GET  /orders/42            no key                                401 (Kong)
#   every 7th  GET  /orders/42            wrong key                             401 (Kong)
#   every 11th GET  /does-not-exist       no route                              404 (Kong)
#   every 13th GET  /catalog/missing      upstream says 404                     404 (upstream)
#   every 200th GET /catalog/flaky        upstream says 503                     503 (upstream)
#   every 250th GET /reports/slow         upstream takes 2.5 s, timeout 2 s     504 (Kong)
#
# The 5xx shares stay below the error-budget thresholds (0.5 % of catalog, 0.4 % of reports); the
# rate-limited consumer and its route raise the two info alerts on purpose.
set -u

KONG="${KONG_PROXY_URL:-http://kong:8000}"
MOBILE_KEY="mobile-app-demo-key"
PARTNER_KEY="partner-acme-demo-key"

hit() {
  # -o /dev/null: only the status matters; --max-time bounds a hung request.
  curl -s -o /dev/null --max-time 5 "$@" || true
}

echo "traffic: sending requests to $KONG"
i=0
while true; do
  i=$((i + 1))

  hit "$KONG/catalog/items?echo_time=$(( (i % 5) * 40 ))"
  hit -H "apikey: $MOBILE_KEY" "$KONG/orders/42"
  hit -X POST -H "apikey: $PARTNER_KEY" -H 'Content-Type: application/json' -d '{"item":42}' "$KONG/orders"
  hit "$KONG/reports/daily"

  if [ $((i % 3)) -eq 0 ]; then
    hit -H "apikey: $PARTNER_KEY" "$KONG/payments/charge"
    hit -H "apikey: $PARTNER_KEY" "$KONG/payments/charge"
    hit -H "apikey: $PARTNER_KEY" "$KONG/payments/charge"
  fi
  [ $((i % 5)) -eq 0 ] && hit "$KONG/orders/42"
  [ $((i % 7)) -eq 0 ] && hit -H "apikey: not-a-key" "$KONG/orders/42"
  [ $((i % 11)) -eq 0 ] && hit "$KONG/does-not-exist"
  [ $((i % 13)) -eq 0 ] && hit "$KONG/catalog/missing?echo_code=404"
  [ $((i % 200)) -eq 0 ] && hit "$KONG/catalog/flaky?echo_code=503"
  # In the background, so the 2 s timeout does not stall the loop.
  [ $((i % 250)) -eq 0 ] && { hit "$KONG/reports/slow?echo_time=2500" & }

  sleep 0.2
done
