"""Rackspace Cloud Load Balancers (``pkgcloud.loadbalancer``)."""

from pkgcloud_rackspace.loadbalancer.client import CloudLoadBalancers

__all__ = ["CloudLoadBalancers"]
