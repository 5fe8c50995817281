#!/usr/bin/env bash
# Keeps the Kubernetes deployables in step with their sources (tests fail when they are not):
#  1. copies alert-rules/kong.rules.yml and grafana-dashboards/*.json into the Helm chart (files/), which
#     renders them as the PrometheusRule and the dashboard ConfigMaps (Helm reads files inside a chart only);
#  2. renders the chart into the plain manifests of deploy/kubernetes (base/ from the values in
#     deploy/kubernetes/base.values.yaml, monitoring/ for the Prometheus Operator and Grafana objects).
# Run it after changing the chart, the rules or the dashboards, and commit what it changed.
set -euo pipefail
cd "$(dirname "$0")/.."

chart=deploy/helm/kong-exporter
mkdir -p "$chart/files/dashboards"
cp alert-rules/kong.rules.yml "$chart/files/kong.rules.yml"
rm -f "$chart"/files/dashboards/*.json
cp grafana-dashboards/*.json "$chart/files/dashboards/"

mvn -B -q -pl exporter -am test-compile >/dev/null
mvn -B -q -pl exporter dependency:build-classpath -Dmdep.outputFile=target/deploy.classpath -Dmdep.includeScope=test >/dev/null
cp="exporter/target/test-classes:exporter/target/classes:$(cat exporter/target/deploy.classpath)"
java -Dproject.root="$PWD" -cp "$cp" io.kongexporter.deploy.PlainManifests "$PWD"
echo "sync-chart: chart files and deploy/kubernetes are up to date"
