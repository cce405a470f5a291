{{/* The chart's name, or nameOverride. */}}
{{- define "sealfleet.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Base of object names: the release name when it already contains the chart's name. */}}
{{- define "sealfleet.fullname" -}}
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

{{- define "sealfleet.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: sealfleet
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selects the operator's pods (stable across upgrades: never add to it). */}}
{{- define "sealfleet.operatorSelector" -}}
app.kubernetes.io/name: {{ include "sealfleet.name" . }}-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Selects the worker pods the operator creates (labels set in WorkerPods.desired). */}}
{{- define "sealfleet.workerSelector" -}}
app.kubernetes.io/name: sealfleet-worker
app.kubernetes.io/managed-by: sealfleet
{{- end -}}

{{- define "sealfleet.operatorName" -}}
{{- printf "%s-operator" (include "sealfleet.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "sealfleet.metricsServiceName" -}}
{{- printf "%s-operator-metrics" (include "sealfleet.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "sealfleet.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "sealfleet.operatorName" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "sealfleet.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* Namespaces that hold SealingWorkers, as a list; the release namespace when none is given. */}}
{{- define "sealfleet.agentNamespaces" -}}
{{- if .Values.agent.namespaces -}}
{{- toJson .Values.agent.namespaces -}}
{{- else -}}
{{- toJson (list .Release.Namespace) -}}
{{- end -}}
{{- end -}}

{{/* "true" when the ServiceMonitor and PrometheusRule are rendered: forced by monitoring.enabled, or
     on "auto" when the cluster serves the Prometheus Operator's API. */}}
{{- define "sealfleet.monitoring" -}}
{{- $mode := toString .Values.monitoring.enabled -}}
{{- if eq $mode "true" -}}
true
{{- else if and (eq $mode "auto") (.Capabilities.APIVersions.Has "monitoring.coreos.com/v1") -}}
true
{{- end -}}
{{- end -}}

{{/* Prometheus's own template braces, passed through Helm untouched. */}}
{{- define "sealfleet.runbook" -}}
{{- printf "%s/%s.md" (trimSuffix "/" .root.Values.monitoring.runbookBaseUrl) .alert -}}
{{- end -}}
