"""Running Coordo in production: health, the worker's heartbeat, deployment checks, backups.

- `health`: what the load balancer's probe (`/health/`) and `coordo health` check;
- `heartbeat`: the task that proves the worker takes tasks, and its record;
- `deploy_checks`: Coordo's own `coordo check` rules on the settings;
- `backup`, `restore`, `archive`, `postgres`: `coordo backup` and `coordo restore`;
- `environment`: the environment variables config/settings.py reads (the guide lists them).
"""
