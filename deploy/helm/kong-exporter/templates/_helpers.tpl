{{/* Names */}}
{{- define "kong-exporter.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "kong-exporter.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "kong-exporter.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "kong-exporter.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Labels. helm.sh/chart and managed-by are dropped from the plain manifests (deploy/kubernetes). */}}
{{- define "kong-exporter.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kong-exporter.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "kong-exporter.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "kong-exporter.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: kong-exporter
{{- end -}}

{{/* Where things are mounted in the container */}}
{{- define "kong-exporter.configPath" -}}/etc/kong-exporter/config/kong-exporter.yml{{- end -}}
{{- define "kong-exporter.ingestTokenPath" -}}/etc/kong-exporter/secrets/ingest/token{{- end -}}
{{- define "kong-exporter.adminTokenPath" -}}/etc/kong-exporter/secrets/kong-admin/token{{- end -}}
{{- define "kong-exporter.webConfigPath" -}}/etc/kong-exporter/web/web-config.yml{{- end -}}
{{- define "kong-exporter.tlsDir" -}}/etc/kong-exporter/tls{{- end -}}

{{/* Which secrets are in use */}}
{{- define "kong-exporter.ingestTokenEnabled" -}}
{{- if or .Values.ingestToken.value .Values.ingestToken.existingSecret }}true{{ end -}}
{{- end -}}
{{- define "kong-exporter.adminTokenEnabled" -}}
{{- if or .Values.kongAdminToken.value .Values.kongAdminToken.existingSecret }}true{{ end -}}
{{- end -}}
{{/* The chart writes the web config itself unless web.existingSecret is given */}}
{{- define "kong-exporter.webConfigGenerated" -}}
{{- if and (not .Values.web.existingSecret) (or .Values.web.tls.enabled .Values.web.basicAuthUsers) }}true{{ end -}}
{{- end -}}
{{- define "kong-exporter.webConfigEnabled" -}}
{{- if or .Values.web.existingSecret (include "kong-exporter.webConfigGenerated" .) }}true{{ end -}}
{{- end -}}
{{/* The chart's own Secret holds what was given as a value */}}
{{- define "kong-exporter.ownSecretNeeded" -}}
{{- if or (and .Values.ingestToken.value (not .Values.ingestToken.existingSecret)) (and .Values.kongAdminToken.value (not .Values.kongAdminToken.existingSecret)) (include "kong-exporter.webConfigGenerated" .) }}true{{ end -}}
{{- end -}}

{{- define "kong-exporter.scheme" -}}
{{- if .Values.web.tls.enabled }}https{{ else }}http{{ end -}}
{{- end -}}

{{/* The exporter's config file: the config value plus what the chart wires itself */}}
{{- define "kong-exporter.configFile" -}}
{{- $cfg := deepCopy (default dict .Values.config) -}}
{{- $_ := set $cfg "listen" "0.0.0.0:9542" -}}
{{- if include "kong-exporter.ingestTokenEnabled" . -}}
{{- $ingest := default dict (get $cfg "ingest") -}}
{{- $_ := set $ingest "token_file" (include "kong-exporter.ingestTokenPath" .) -}}
{{- $_ := set $cfg "ingest" $ingest -}}
{{- end -}}
{{- if include "kong-exporter.webConfigEnabled" . -}}
{{- $_ := set $cfg "web" (dict "config" (dict "file" (include "kong-exporter.webConfigPath" .))) -}}
{{- end -}}
{{- if include "kong-exporter.adminTokenEnabled" . -}}
{{- $kong := default dict (get $cfg "kong") -}}
{{- range (default list (get $kong "nodes")) -}}
{{- if not (or (hasKey . "admin_token") (hasKey . "admin_token_file")) -}}
{{- $_ := set . "admin_token_file" (include "kong-exporter.adminTokenPath" $) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toYaml $cfg -}}
{{- end -}}

{{/* The web config the chart writes (exporter-toolkit format) */}}
{{- define "kong-exporter.webConfigFile" -}}
{{- $web := dict -}}
{{- if .Values.web.tls.enabled -}}
{{- $_ := set $web "tls_server_config" (dict "cert_file" (printf "%s/tls.crt" (include "kong-exporter.tlsDir" .)) "key_file" (printf "%s/tls.key" (include "kong-exporter.tlsDir" .))) -}}
{{- end -}}
{{- if .Values.web.basicAuthUsers -}}
{{- $_ := set $web "basic_auth_users" .Values.web.basicAuthUsers -}}
{{- end -}}
{{- toYaml $web -}}
{{- end -}}

{{/* TLS settings Prometheus uses to scrape the exporter (ServiceMonitor, ScrapeConfig) */}}
{{- define "kong-exporter.scrapeTlsConfig" -}}
{{- if .Values.serviceMonitor.tlsConfig -}}
{{- toYaml .Values.serviceMonitor.tlsConfig -}}
{{- else -}}
ca:
  secret:
    name: {{ .Values.web.tls.secretName }}
    key: ca.crt
serverName: {{ include "kong-exporter.fullname" . }}.{{ .Release.Namespace }}.svc
{{- end -}}
{{- end -}}

{{/* Fail early on combinations that cannot work */}}
{{- define "kong-exporter.validate" -}}
{{- if and .Values.web.tls.enabled (not .Values.web.tls.secretName) -}}
{{- fail "web.tls.enabled needs web.tls.secretName (a kubernetes.io/tls Secret with tls.crt and a PKCS#8 tls.key)" -}}
{{- end -}}
{{- if and .Values.kongClusterPlugin.enabled .Values.ingestToken.existingSecret (not .Values.kongClusterPlugin.existingConfigSecret) -}}
{{- fail "kongClusterPlugin with ingestToken.existingSecret needs kongClusterPlugin.existingConfigSecret: the chart cannot read your token to write the plugin's config" -}}
{{- end -}}
{{- end -}}
