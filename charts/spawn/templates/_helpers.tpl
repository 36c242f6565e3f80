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
Name of the headless Service listing the members of the actor system (the proxies of this release).
*/}}
{{- define "spawn.peersServiceName" -}}
{{- printf "%s-peers" (include "spawn.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
"true" when the proxies form a cluster (cluster.discovery other than none), else empty.
*/}}
{{- define "spawn.cluster.enabled" -}}
{{- if ne .Values.cluster.discovery "none" }}true{{- end }}
{{- end }}

{{/*
"true" when the peers Service is created: the kubernetes and dns discoveries read it.
*/}}
{{- define "spawn.peersService.enabled" -}}
{{- if has .Values.cluster.discovery (list "kubernetes" "dns") }}true{{- end }}
{{- end }}

{{/*
"true" when the Role and RoleBinding of kubernetes discovery are created.
*/}}
{{- define "spawn.rbac.enabled" -}}
{{- if and .Values.rbac.create (eq .Values.cluster.discovery "kubernetes") }}true{{- end }}
{{- end }}

{{/*
Name resolved by dns discovery.
*/}}
{{- define "spawn.cluster.dnsName" -}}
{{- default (printf "%s.%s.svc.%s" (include "spawn.peersServiceName" .) (include "spawn.namespace" .) .Values.clusterDomain) .Values.cluster.dnsName }}
{{- end }}

{{/*
Number of pods the PodDisruptionBudget is measured against: the autoscaler's minimum, else replicaCount.
*/}}
{{- define "spawn.minimumReplicas" -}}
{{- if .Values.autoscaling.hpa.enabled }}{{ int .Values.autoscaling.hpa.minReplicas }}{{ else }}{{ int .Values.replicaCount }}{{ end }}
{{- end }}

{{/*
Whole seconds (rounded up) of a Spring Boot duration written as a number and a unit (ms, s, m, h, d); a bare
number is milliseconds, as Spring Boot reads it.
Usage: {{ include "spawn.durationSeconds" "30s" }}
*/}}
{{- define "spawn.durationSeconds" -}}
{{- $text := toString . -}}
{{- $number := regexFind "^[0-9]+" $text -}}
{{- if not $number }}
{{- fail (printf "%q is not a duration: write a number and a unit (ms, s, m, h, d), e.g. 30s" $text) }}
{{- end }}
{{- $n := int64 $number -}}
{{- $unit := trimPrefix $number $text -}}
{{- if or (eq $unit "") (eq $unit "ms") }}{{ div (add $n 999) 1000 }}
{{- else if eq $unit "s" }}{{ $n }}
{{- else if eq $unit "m" }}{{ mul $n 60 }}
{{- else if eq $unit "h" }}{{ mul $n 3600 }}
{{- else if eq $unit "d" }}{{ mul $n 86400 }}
{{- else }}{{ fail (printf "%q is not a duration: the unit must be ms, s, m, h or d" $text) }}
{{- end }}
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
{{- if and (eq .Values.database.type "h2") (or (gt (int .Values.replicaCount) 1) .Values.autoscaling.hpa.enabled (include "spawn.cluster.enabled" .)) }}
{{- fail "database.type=h2 keeps state in each pod's own data directory, so several replicas (replicaCount above 1, autoscaling.hpa.enabled or a cluster.discovery) would each run every actor on its own copy of the state. Use database.type=postgres (see docs/kubernetes.md) or one replica with cluster.discovery=none" }}
{{- end }}
{{- if and (eq .Values.cluster.discovery "static") (not .Values.cluster.staticPeers) }}
{{- fail "cluster.discovery=static needs cluster.staticPeers: the members as host:port" }}
{{- end }}
{{- if and .Values.autoscaling.hpa.enabled (not (include "spawn.cluster.enabled" .)) }}
{{- fail "autoscaling.hpa.enabled needs a cluster.discovery (kubernetes or dns): without one, a call that reaches a replica other than the actor's owner is refused" }}
{{- end }}
{{- if and .Values.autoscaling.hpa.enabled (gt (int .Values.autoscaling.hpa.minReplicas) (int .Values.autoscaling.hpa.maxReplicas)) }}
{{- fail "autoscaling.hpa.minReplicas must not exceed autoscaling.hpa.maxReplicas" }}
{{- end }}
{{- if and .Values.autoscaling.hpa.enabled (not .Values.autoscaling.hpa.targetCPU) (not .Values.autoscaling.hpa.targetMemory) }}
{{- fail "autoscaling.hpa.enabled needs autoscaling.hpa.targetCPU or autoscaling.hpa.targetMemory" }}
{{- end }}
{{- $preStop := 0 }}
{{- if and .Values.proxy.preStop.enabled (not .Values.proxy.lifecycleHooks) }}
{{- $preStop = int .Values.proxy.preStop.sleepSeconds }}
{{- end }}
{{- $drain := int64 (include "spawn.durationSeconds" .Values.proxy.config.shutdownTimeout) }}
{{- if le (int64 .Values.terminationGracePeriodSeconds) (add $preStop $drain) }}
{{- fail (printf "terminationGracePeriodSeconds (%d) must exceed the proxy's preStop sleep (%ds) plus proxy.config.shutdownTimeout (%ds): otherwise the kubelet kills the proxy before it has handed its actors over. Set it to at least %d" (int64 .Values.terminationGracePeriodSeconds) $preStop $drain (add $preStop $drain 10)) }}
{{- end }}
{{- if .Values.pdb.create }}
{{- $pods := int (include "spawn.minimumReplicas" .) }}
{{- $min := toString .Values.pdb.minAvailable }}
{{- $max := toString .Values.pdb.maxUnavailable }}
{{- if or (eq $max "0") (eq $max "0%") }}
{{- fail "pdb.maxUnavailable=0 would block every node drain: leave it empty (1) or raise it" }}
{{- end }}
{{- if or (eq $min "100%") (and (ne $min "") (not (hasSuffix "%" $min)) (ge (int $min) $pods)) }}
{{- fail (printf "pdb.minAvailable=%s would block a node drain with %d pod(s): leave it empty (maxUnavailable 1) or lower it" $min $pods) }}
{{- end }}
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
    {{- if .Values.contracts.enabled }}
    - name: grpc
      containerPort: {{ int .Values.proxy.containerPorts.grpc }}
      protocol: TCP
    {{- end }}
    {{- if include "spawn.cluster.enabled" . }}
    - name: peer
      containerPort: {{ int .Values.proxy.containerPorts.peer }}
      protocol: TCP
    {{- end }}
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
    {{- if and .Values.contracts.enabled .Values.contracts.existingConfigMap }}
    - name: contracts
      mountPath: {{ .Values.contracts.descriptorsDir }}
      readOnly: true
    {{- end }}
    {{- if eq .Values.cluster.discovery "kubernetes" }}
    # The ServiceAccount's token, in this container only: the application never sees it.
    - name: kube-api-access
      mountPath: /var/run/secrets/kubernetes.io/serviceaccount
      readOnly: true
    {{- end }}
    {{- with .Values.proxy.extraVolumeMounts }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end }}
