{{/*
Names, labels and small renderers shared by the templates. Modelled on bitnami's charts, without the common
library dependency.
*/}}

{{/*
Chart name, truncated to the 63 characters of a DNS label.
*/}}
{{- define "spawn.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified name of the release's objects: the release name, followed by the chart name unless the release
name already contains it.
*/}}
{{- define "spawn.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, as used by the helm.sh/chart label.
*/}}
{{- define "spawn.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Namespace of every object.
*/}}
{{- define "spawn.namespace" -}}
{{- default .Release.Namespace .Values.namespaceOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Standard labels of every object.
*/}}
{{- define "spawn.labels" -}}
helm.sh/chart: {{ include "spawn.chart" . }}
{{ include "spawn.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: spawn
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Selector labels: name and instance only, so that they never change on an upgrade (a Deployment's selector is
immutable).
*/}}
{{- define "spawn.selectorLabels" -}}
app.kubernetes.io/name: {{ include "spawn.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Name of the ServiceAccount the pods run as.
*/}}
{{- define "spawn.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "spawn.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Name of the proxy's ConfigMap.
*/}}
{{- define "spawn.proxy.configMapName" -}}
{{- printf "%s-proxy" (include "spawn.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Name of the claim holding the proxy's data directory.
*/}}
{{- define "spawn.proxy.claimName" -}}
{{- if .Values.proxy.persistence.existingClaim }}
{{- .Values.proxy.persistence.existingClaim }}
{{- else }}
{{- printf "%s-data" (include "spawn.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/*
An image reference, from a dict with "image" (registry, repository, tag, digest) and "appVersion" (the tag used
when image.tag is empty). A digest wins over the tag.
Usage: {{ include "spawn.image" (dict "image" .Values.proxy.image "appVersion" .Chart.AppVersion) }}
*/}}
{{- define "spawn.image" -}}
{{- $repository := .image.repository -}}
{{- if .image.registry -}}
{{- $repository = printf "%s/%s" .image.registry .image.repository -}}
{{- end -}}
{{- if .image.digest -}}
{{- printf "%s@%s" $repository (toString .image.digest) -}}
{{- else -}}
{{- printf "%s:%s" $repository (toString (default .appVersion .image.tag)) -}}
{{- end -}}
{{- end }}

{{/*
Resources presets, after bitnami's common.resources.preset. Handy to start with; set explicit resources in
production.
*/}}
{{- define "spawn.resources.presets" -}}
nano:
  requests: {cpu: 100m, memory: 128Mi, ephemeral-storage: 50Mi}
  limits: {cpu: 150m, memory: 192Mi, ephemeral-storage: 2Gi}
micro:
  requests: {cpu: 250m, memory: 256Mi, ephemeral-storage: 50Mi}
  limits: {cpu: 375m, memory: 384Mi, ephemeral-storage: 2Gi}
small:
  requests: {cpu: 500m, memory: 512Mi, ephemeral-storage: 50Mi}
  limits: {cpu: 750m, memory: 768Mi, ephemeral-storage: 2Gi}
medium:
  requests: {cpu: 500m, memory: 1024Mi, ephemeral-storage: 50Mi}
  limits: {cpu: 750m, memory: 1536Mi, ephemeral-storage: 2Gi}
large:
  requests: {cpu: "1", memory: 2048Mi, ephemeral-storage: 50Mi}
  limits: {cpu: 1500m, memory: 3072Mi, ephemeral-storage: 2Gi}
xlarge:
  requests: {cpu: "1", memory: 3072Mi, ephemeral-storage: 50Mi}
  limits: {cpu: "3", memory: 6144Mi, ephemeral-storage: 2Gi}
2xlarge:
  requests: {cpu: "1", memory: 3072Mi, ephemeral-storage: 50Mi}
  limits: {cpu: "6", memory: 12288Mi, ephemeral-storage: 2Gi}
{{- end }}

{{/*
A container's resources as YAML: the explicit resources when given, else the preset, else nothing.
Usage: {{ include "spawn.resources" (dict "resources" .Values.proxy.resources "preset" .Values.proxy.resourcesPreset) }}
*/}}
{{- define "spawn.resources" -}}
{{- if .resources }}
{{- toYaml .resources }}
{{- else if and .preset (ne .preset "none") }}
{{- $presets := include "spawn.resources.presets" . | fromYaml }}
{{- if not (hasKey $presets .preset) }}
{{- fail (printf "unknown resources preset %q: use none, nano, micro, small, medium, large, xlarge or 2xlarge" .preset) }}
{{- end }}
{{- toYaml (get $presets .preset) }}
{{- end }}
{{- end }}

{{/*
A container's security context without the chart's "enabled" switch.
Usage: {{ include "spawn.securityContext" .Values.proxy.containerSecurityContext }}
*/}}
{{- define "spawn.securityContext" -}}
{{- toYaml (omit . "enabled") }}
{{- end }}

{{/*
A container's lifecycle hooks: the given hooks when set, else a preStop sleep when enabled, else nothing.
Usage: {{ include "spawn.lifecycle" (dict "hooks" .Values.proxy.lifecycleHooks "preStop" .Values.proxy.preStop) }}
*/}}
{{- define "spawn.lifecycle" -}}
{{- if .hooks }}
{{- toYaml .hooks }}
{{- else if .preStop.enabled -}}
preStop:
  {{- if .preStop.useSleepAction }}
  sleep:
    seconds: {{ int .preStop.sleepSeconds }}
  {{- else }}
  exec:
    command: ["/bin/sh", "-c", "sleep {{ int .preStop.sleepSeconds }}"]
  {{- end }}
{{- end }}
{{- end }}

{{/*
An HTTP probe: path and port, then the timings (every key of the probe's values but enabled, path and port).
Usage: {{ include "spawn.httpProbe" (dict "probe" .Values.app.livenessProbe "path" "/x" "port" "http") }}
*/}}
{{- define "spawn.httpProbe" -}}
httpGet:
  path: {{ .path }}
  port: {{ .port }}
{{- with omit .probe "enabled" "path" "port" }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Pod anti-affinity preset: soft (preferred) or hard (required) spreading of the pods across nodes.
Usage: {{ include "spawn.podAntiAffinity" . }}
*/}}
{{- define "spawn.podAntiAffinity" -}}
{{- if eq .Values.podAntiAffinityPreset "hard" -}}
podAntiAffinity:
  requiredDuringSchedulingIgnoredDuringExecution:
    - labelSelector:
        matchLabels: {{- include "spawn.selectorLabels" . | nindent 10 }}
      topologyKey: kubernetes.io/hostname
{{- else if eq .Values.podAntiAffinityPreset "soft" -}}
podAntiAffinity:
  preferredDuringSchedulingIgnoredDuringExecution:
    - weight: 1
      podAffinityTerm:
        labelSelector:
          matchLabels: {{- include "spawn.selectorLabels" . | nindent 12 }}
        topologyKey: kubernetes.io/hostname
{{- end }}
{{- end }}

{{/*
Whether a database host is this machine, where the proxy accepts a database without a password.
*/}}
{{- define "spawn.database.isLocal" -}}
{{- if has .Values.database.host (list "localhost" "127.0.0.1" "::1") }}true{{- end }}
{{- end }}

{{/*
Checks of the values that the schema cannot express. Each failure says what to set.
*/}}
{{- define "spawn.validateValues" -}}
{{- if not .Values.app.image.repository }}
{{- fail "app.image.repository is required: the image of your application built on spawn-spring-boot-starter" }}
{{- end }}
{{- if eq .Values.database.type "postgres" }}
{{- if not .Values.database.host }}
{{- fail "database.host is required with database.type=postgres" }}
{{- end }}
{{- if and (not .Values.database.existingSecret) (not (include "spawn.database.isLocal" .)) }}
{{- fail (printf "database.existingSecret is required with database.type=postgres on %s: the proxy never uses a remote database without a password. Create a Secret with the password under the key %q and set database.existingSecret" .Values.database.host .Values.database.existingSecretPasswordKey) }}
{{- end }}
{{- end }}
{{- if and (eq .Values.database.type "h2") (gt (int .Values.replicaCount) 1) }}
{{- fail "database.type=h2 keeps state in each pod's own data directory, so several replicas would each run every actor on its own copy of the state. Use database.type=postgres (see docs/kubernetes.md) or replicaCount=1" }}
{{- end }}
{{- if and .Values.database.existingSecretUsernameKey (not .Values.database.existingSecret) }}
{{- fail "database.existingSecretUsernameKey needs database.existingSecret" }}
{{- end }}
{{- if and .Values.encryption.enabled (not .Values.encryption.existingSecret) }}
{{- fail "encryption.enabled needs encryption.existingSecret: a Secret holding the base64 of a 32-byte key (openssl rand -base64 32)" }}
{{- end }}
{{- if and (ne (toString .Values.pdb.minAvailable) "") (ne (toString .Values.pdb.maxUnavailable) "") }}
{{- fail "set pdb.minAvailable or pdb.maxUnavailable, not both" }}
{{- end }}
{{- end }}

{{/*
The proxy container. Rendered among the containers, or among the init containers as a native sidecar
(restartPolicy: Always) when proxy.nativeSidecar is set.
*/}}
{{- define "spawn.proxy.container" -}}
- name: proxy
  image: {{ include "spawn.image" (dict "image" .Values.proxy.image "appVersion" .Chart.AppVersion) }}
  imagePullPolicy: {{ .Values.proxy.image.pullPolicy }}
  {{- if .Values.proxy.nativeSidecar }}
  restartPolicy: Always
  {{- end }}
  {{- if .Values.proxy.containerSecurityContext.enabled }}
  securityContext: {{- include "spawn.securityContext" .Values.proxy.containerSecurityContext | nindent 4 }}
  {{- end }}
  ports:
    - name: proxy-http
      containerPort: {{ int .Values.proxy.containerPorts.http }}
      protocol: TCP
  envFrom:
    - configMapRef:
        name: {{ include "spawn.proxy.configMapName" . }}
    {{- if .Values.proxy.extraEnvVarsCM }}
    - configMapRef:
        name: {{ .Values.proxy.extraEnvVarsCM }}
    {{- end }}
    {{- if .Values.proxy.extraEnvVarsSecret }}
    - secretRef:
        name: {{ .Values.proxy.extraEnvVarsSecret }}
    {{- end }}
  env:
    # Each replica's identity in actor leases and schedule claims: the pod's name, unique per replica.
    - name: SPAWN_PROXY_NODEID
      valueFrom:
        fieldRef:
          apiVersion: v1
          fieldPath: metadata.name
    - name: JAVA_TOOL_OPTIONS
      value: {{ .Values.proxy.javaToolOptions | quote }}
    {{- if .Values.database.existingSecret }}
    - name: PROXY_DATABASE_SECRET
      valueFrom:
        secretKeyRef:
          name: {{ .Values.database.existingSecret }}
          key: {{ .Values.database.existingSecretPasswordKey }}
    {{- if .Values.database.existingSecretUsernameKey }}
    - name: PROXY_DATABASE_USERNAME
      valueFrom:
        secretKeyRef:
          name: {{ .Values.database.existingSecret }}
          key: {{ .Values.database.existingSecretUsernameKey }}
    {{- end }}
    {{- end }}
    {{- if .Values.encryption.enabled }}
    - name: SPAWN_STATESTORE_KEY
      valueFrom:
        secretKeyRef:
          name: {{ .Values.encryption.existingSecret }}
          key: {{ .Values.encryption.existingSecretKey }}
    {{- if .Values.encryption.existingSecretOldKeysKey }}
    - name: SPAWN_PROXY_STATE_ENCRYPTION_OLDKEYS
      valueFrom:
        secretKeyRef:
          name: {{ .Values.encryption.existingSecret }}
          key: {{ .Values.encryption.existingSecretOldKeysKey }}
    {{- end }}
    {{- end }}
    {{- with .Values.proxy.extraEnvVars }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- $lifecycle := include "spawn.lifecycle" (dict "hooks" .Values.proxy.lifecycleHooks "preStop" .Values.proxy.preStop) }}
  {{- if $lifecycle }}
  lifecycle: {{- $lifecycle | nindent 4 }}
  {{- end }}
  {{- if .Values.proxy.startupProbe.enabled }}
  startupProbe: {{- include "spawn.httpProbe" (dict "probe" .Values.proxy.startupProbe "path" "/actuator/health/liveness" "port" "proxy-http") | nindent 4 }}
  {{- end }}
  {{- if .Values.proxy.livenessProbe.enabled }}
  livenessProbe: {{- include "spawn.httpProbe" (dict "probe" .Values.proxy.livenessProbe "path" "/actuator/health/liveness" "port" "proxy-http") | nindent 4 }}
  {{- end }}
  {{- if .Values.proxy.readinessProbe.enabled }}
  readinessProbe: {{- include "spawn.httpProbe" (dict "probe" .Values.proxy.readinessProbe "path" "/actuator/health/readiness" "port" "proxy-http") | nindent 4 }}
  {{- end }}
  {{- $resources := include "spawn.resources" (dict "resources" .Values.proxy.resources "preset" .Values.proxy.resourcesPreset) }}
  {{- if $resources }}
  resources: {{- $resources | nindent 4 }}
  {{- end }}
  volumeMounts:
    - name: proxy-tmp
      mountPath: /tmp
    - name: proxy-data
      mountPath: {{ .Values.proxy.dataDir }}
    {{- with .Values.proxy.extraVolumeMounts }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end }}
